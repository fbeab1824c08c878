package io.meshkit.linter.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshkit.core.cli.Formats;
import io.meshkit.core.cli.OutputFormat;
import io.meshkit.core.cli.OutputOptions;
import io.meshkit.linter.api.Conventions;
import io.meshkit.linter.di.Linters;
import io.meshkit.linter.api.RuleInfo;
import io.meshkit.linter.api.Rules;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code meshkit-lint rules}: every rule with its severity under the conventions and its summary. */
@Command(name = "rules", mixinStandardHelpOptions = true, description = "List the rules with their severities and docs.",
        footer = {"%nExample:", "  $ ${COMMAND-FULL-NAME} --format json"})
@Formats({OutputFormat.TEXT, OutputFormat.JSON, OutputFormat.MARKDOWN})
final class RulesCommand implements Callable<Integer> {
    @Option(names = "--conventions", paramLabel = "FILE", description = "Show severities under this conventions file.")
    Path conventions;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        OutputFormat f = output.format();
        Conventions conv = conventions == null ? Linters.defaultConventions() : Linters.loadConventions(conventions);
        PrintWriter out = output.out();
        if (f == OutputFormat.JSON) {
            ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode root = m.createObjectNode();
            ArrayNode rules = root.putArray("rules");
            for (RuleInfo r : Rules.all()) {
                rules.addObject().put("id", r.id()).put("category", r.category())
                        .put("defaultSeverity", r.defaultSeverity().label()).put("severity", conv.severity(r.id()).label())
                        .put("summary", r.summary()).put("description", r.description()).put("bad", r.bad())
                        .put("good", r.good());
            }
            root.putObject("summary").put("rules", Rules.all().size());
            out.println(m.writeValueAsString(root));
        } else if (f == OutputFormat.MARKDOWN) {
            out.println("| rule | category | severity | what it checks |");
            out.println("|---|---|---|---|");
            for (RuleInfo r : Rules.all()) {
                out.println("| `" + r.id() + "` | " + r.category() + " | " + conv.severity(r.id()).label() + " | "
                        + r.summary().replace("|", "\\|") + " |");
            }
        } else {
            int width = Rules.all().stream().mapToInt(r -> r.id().length()).max().orElse(10);
            for (RuleInfo r : Rules.all()) {
                out.printf("%-" + width + "s  %-7s  %s%n", r.id(), conv.severity(r.id()).label(), r.summary());
            }
            out.println(Rules.all().size() + " rules; 'meshkit-lint explain RULE' shows one with examples");
        }
        out.flush();
        return 0;
    }
}
