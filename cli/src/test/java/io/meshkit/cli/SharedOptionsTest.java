package io.meshkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshkit.differ.cli.DiffCli;
import io.meshkit.publisher.cli.PublishCli;
import io.meshkit.sampler.cli.SampleCli;
import io.meshkit.scdbuilder.cli.ScdCli;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The {@code --contract}/{@code --dataset}/{@code --table} options are core's mixins
 * ({@code io.meshkit.core.cli}), declared once; each tool words them in its own
 * {@code Options.properties}. A missing or misnamed bundle would silently fall back to core's
 * wording, so the help every user sees is pinned here, under {@code meshkit} and standalone alike.
 */
class SharedOptionsTest {
    private static final Map<String, Map<String, String>> WORDING = Map.of(
            "diff", Map.of(
                    "--contract", "The dataset's contract: tables, primary key, personal-data columns and declared renames (meshkit.renamedFrom).",
                    "--dataset", "The dataset of the contract (needed when it has several)."),
            "scd", Map.of(
                    "--contract", "The dataset's ODCS contract (*.odcs.yaml).",
                    "--dataset", "The dimension in the contract (needed when it has several)."),
            "publish", Map.of(
                    "--contract", "The dataset's ODCS contract.",
                    "--dataset", "The dataset (schema object) of the contract; needed only if it has several."),
            "sample", Map.of(
                    "--table", "The table (default: the contract dataset's production table).",
                    "--contract", "An ODCS contract whose dataset names the table and sampling key.",
                    "--dataset", "The dataset of the contract (needed when it has several)."));

    @Test
    void everyToolKeepsItsWordingOfTheSharedOptionsUnderMeshkit() {
        int checked = 0;
        for (Map.Entry<String, Map<String, String>> tool : WORDING.entrySet()) {
            checked += check(tool.getKey(), Meshkit.commandLine().getSubcommands().get(tool.getKey()), tool.getValue());
        }
        // diff 2; scd 6 commands x 2; publish (every dataset command) x 2; sample 5 commands x 3
        assertThat(checked).isGreaterThanOrEqualTo(2 + 12 + 10 + 15);
    }

    @Test
    void andStandalone() {
        assertThat(check("meshkit-diff", DiffCli.commandLine(), WORDING.get("diff"))).isEqualTo(2);
        assertThat(check("meshkit-scd", ScdCli.commandLine(), WORDING.get("scd"))).isEqualTo(12);
        assertThat(check("meshkit-publish", PublishCli.commandLine(), WORDING.get("publish"))).isGreaterThanOrEqualTo(10);
        assertThat(check("meshkit-sample", SampleCli.commandLine(), WORDING.get("sample"))).isEqualTo(15);
    }

    @Test
    void aRequiredContractStaysRequired() {
        for (CommandLine c : List.of(ScdCli.commandLine().getSubcommands().get("apply"), PublishCli.commandLine().getSubcommands().get("promote"))) {
            assertThat(c.getCommandSpec().findOption("--contract").required()).as(c.getCommandName()).isTrue();
            assertThat(c.getUsageMessage()).contains(" --contract=FILE ");
        }
        assertThat(DiffCli.commandLine().getCommandSpec().findOption("--contract").required()).isFalse();
    }

    /** Checks every command at and below {@code cmd}; returns how many options it checked. */
    private static int check(String where, CommandLine cmd, Map<String, String> wording) {
        int n = 0;
        List<CommandLine> all = new ArrayList<>();
        all.add(cmd);
        all.addAll(cmd.getSubcommands().values());
        for (CommandLine c : all) {
            for (Map.Entry<String, String> e : wording.entrySet()) {
                OptionSpec o = c.getCommandSpec().findOption(e.getKey());
                if (o == null || c.getCommandSpec().helpCommand()) {
                    continue;
                }
                assertThat(String.join(" ", o.description())).as(where + " " + c.getCommandName() + " " + e.getKey()).isEqualTo(e.getValue());
                n++;
            }
        }
        return n;
    }
}
