package io.meshkit.linter.cli;

import io.meshkit.core.cli.ConsoleOptions;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.linter.api.RuleInfo;
import io.meshkit.linter.api.Rules;
import io.meshkit.linter.internal.Names;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code meshkit-lint explain RULE}: what a rule checks, its default severity, a bad and a good example. */
@Command(name = "explain", mixinStandardHelpOptions = true, description = "Explain a rule, with a bad and a good example.",
        footer = {"%nExample:", "  $ ${COMMAND-FULL-NAME} naming-case"})
final class ExplainCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RULE", description = "The rule id, e.g. type-by-name.")
    String rule;

    @Mixin
    ConsoleOptions console;

    @Override
    public Integer call() {
        RuleInfo r = Rules.byId(rule).orElseThrow(() -> new MeshkitException(ErrorCode.INVALID_ARGUMENT,
                "Cannot explain rule '" + rule + "': no such rule" + Names.didYouMean(rule)
                        + "; 'meshkit-lint rules' lists them"));
        PrintWriter out = console.out();
        out.println(r.id() + " (" + r.category() + ", default " + r.defaultSeverity().label() + ")");
        out.println();
        out.println(r.summary());
        out.println();
        out.println(r.description());
        out.println();
        out.println("Bad:");
        r.bad().lines().forEach(l -> out.println("    " + l));
        out.println();
        out.println("Good:");
        r.good().lines().forEach(l -> out.println("    " + l));
        out.println();
        out.println("Suppress one case inline with a reason:");
        out.println("    customProperties:");
        out.println("      - property: meshkit.lint.suppress");
        out.println("        value:");
        out.println("          - rule: " + r.id());
        out.println("            reason: <why the rule does not apply here>");
        out.flush();
        return 0;
    }
}
