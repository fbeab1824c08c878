package io.meshkit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ManPagesTest {
    @Test
    void aRoffPageHasTheSectionsOfTheHelpAndEscapesWhatRoffWouldEat() {
        CommandLine apply = Meshkit.commandLine().getSubcommands().get("scd").getSubcommands().get("apply");
        String page = ManPages.roff(apply, "1.2.3", LocalDate.of(2026, 12, 7));
        assertThat(page).startsWith(".TH \"MESHKIT-SCD-APPLY\" 1 \"2026-12-07\" \"meshkit 1.2.3\" \"meshkit manual\"\n.SH NAME\n"
                + "meshkit\\-scd\\-apply \\- Apply the staged snapshot of a date to the dimension, writing the release candidate.\n");
        assertThat(page).contains(".SH SYNOPSIS\n.nf\nmeshkit scd apply [\\-hv]", ".SH OPTIONS\n", "\\-\\-contract=FILE",
                ".SH \"EXIT CODES\"\n", ".SH \"ENVIRONMENT\"\n", "MESHKIT_WAREHOUSE", ".SH \"EXAMPLE\"\n");
        // no line would be read as a roff request except ours
        assertThat(page.lines().filter(l -> l.startsWith(".") || l.startsWith("'")))
                .allMatch(l -> l.matches("\\.(TH|SH|nf|fi|PP)( .*)?"));
        assertThat(ManPages.escape(".hidden \\n 'x")).isEqualTo("\\&.hidden \\en 'x");
    }

    @Test
    void theMainWritesRoffThatTheAsciiDocGeneratorDidNotMarkUp(@TempDir Path dir) throws Exception {
        ManPages.main(new String[] {dir.toString(), "1.2.3"});
        String page = Files.readString(dir.resolve("man1/meshkit-ingest-snapshot.1"));
        assertThat(page).contains("\n.SH SYNOPSIS\n.nf\nmeshkit ingest snapshot [\\-hv]").doesNotContain("*\\-\\-");
        assertThat(dir.resolve("meshkit-ingest-snapshot.adoc")).exists();
    }

    @Test
    void everyCommandGetsAPageThatManRendersWithoutAWarning(@TempDir Path dir) throws Exception {
        int n = ManPages.writeRoff(Meshkit.commandLine(), dir, "1.2.3", LocalDate.of(2026, 12, 7));
        List<Path> pages;
        try (Stream<Path> s = Files.list(dir)) {
            pages = s.sorted().toList();
        }
        assertThat(pages).hasSize(n).hasSizeGreaterThan(40)
                .contains(dir.resolve("meshkit.1"), dir.resolve("meshkit-scd-apply.1"), dir.resolve("meshkit-ingest-snapshot.1"))
                .noneMatch(p -> p.getFileName().toString().contains("help"));
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/groff")), "groff is not installed");
        for (Path page : List.of(dir.resolve("meshkit.1"), dir.resolve("meshkit-scd-apply.1"), dir.resolve("meshkit-query.1"))) {
            String[] out = groff(page);
            assertThat(out[1]).as("groff warnings for " + page.getFileName()).isEmpty();
            assertThat(out[0]).contains("NAME", "SYNOPSIS", "EXIT CODES");
        }
        String apply = groff(dir.resolve("meshkit-scd-apply.1"))[0];
        assertThat(apply).contains("--contract=FILE", "$ meshkit scd apply --contract examples/music/contracts/tracks.odcs.yaml");
    }

    private static String[] groff(Path page) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("groff", "-man", "-Tutf8", "-ww", "-rLL=100n", page.toString())
                .redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        // groff -Tutf8 overstrikes bold with backspaces and writes escape sequences; compare the letters
        String text = new String(out, StandardCharsets.UTF_8).replaceAll(".\b", "").replaceAll("\u001B\\[[0-9;]*m", "")
                .replace('\u2010', '-').replace('\u2212', '-');
        return new String[] {text, new String(err, StandardCharsets.UTF_8).strip()};
    }
}
