package io.meshkit.cli.pipeline.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The command a failed step prints is one to paste into a shell: it must reach the tool with the
 * words the run used, the pipeline's {@code ${VAR}} expanded as the run expanded it.
 */
class CommandTextTest {
    /** What bash makes of the printed words: one line per word, with {@code MESHKIT_MYSQL_URL} set. */
    private static List<String> asBashReadsIt(CommandText command) throws Exception {
        String line = command.toString().replaceFirst("^meshkit ", "printf '%s\\\\n' ");
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", line);
        pb.environment().put("MESHKIT_MYSQL_URL", "jdbc:mysql://db:3306/shop?user=app");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isZero();
        return out.lines().toList();
    }

    @Test
    void aPastedCommandExpandsThePipelinesVariablesAndKeepsEverythingElseAsWritten() throws Exception {
        CommandText c = CommandText.of("ingest snapshot").option("--source", "${MESHKIT_MYSQL_URL}")
                .option("--where", "name = 'it''s' AND cost > $5").option("--table", "shop.customers")
                .words(List.of("--label", "${NOT A VAR} `date` \"q\"", ""));
        assertThat(c.toString()).contains("--source \"${MESHKIT_MYSQL_URL}\"").contains("--table shop.customers");
        assertThat(asBashReadsIt(c)).containsExactly("ingest", "snapshot", "--source", "jdbc:mysql://db:3306/shop?user=app",
                "--where", "name = 'it''s' AND cost > $5", "--table", "shop.customers", "--label", "${NOT A VAR} `date` \"q\"", "");
    }

    @Test
    void aReferenceBesideOtherShellSyntaxIsNotExpanded() {
        assertThat(CommandText.quoted("${A}$(rm -rf x)")).isEqualTo("'${A}$(rm -rf x)'");
        assertThat(CommandText.quoted("${A}`x`")).isEqualTo("'${A}`x`'");
        assertThat(CommandText.quoted("jdbc:mysql://${HOST}:3306/db")).isEqualTo("\"jdbc:mysql://${HOST}:3306/db\"");
        assertThat(CommandText.quoted("plain")).isEqualTo("plain");
    }
}
