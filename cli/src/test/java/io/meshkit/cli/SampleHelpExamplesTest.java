package io.meshkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples in the help of {@code meshkit sample} and its subcommands run, as printed, on the warehouse the root
 * README's first session leaves ({@code meshkit run examples/music/pipeline.yaml}): prepare first, then the others.
 * A published dataset is a view {@code sample prepare} does not rewrite, so they sample the copy the pipeline's
 * sample step prepares, {@code music_sampled.plays}.
 */
class SampleHelpExamplesTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern EXAMPLE = Pattern.compile("(?m)^ {2}\\$ meshkit (sample .*)$");

    @TempDir
    Path tmp;

    @Test
    void everySampleExampleRunsAfterTheFirstSession() {
        String warehouse = "duckdb:" + tmp.resolve("w.duckdb");
        CliRun first = CliRun.of("run", REPO.resolve("examples/music/pipeline.yaml").toString(), "--warehouse", warehouse);
        assertThat(first.exitCode()).as(first.out() + first.err()).isZero();

        List<String> examples = new ArrayList<>();
        for (String sub : List.of("prepare", "", "query", "sql", "recommend", "evaluate")) {
            CliRun help = sub.isEmpty() ? CliRun.of("sample", "--help") : CliRun.of("sample", sub, "--help");
            Matcher m = EXAMPLE.matcher(help.out());
            assertThat(m.find()).as("an example in the help of sample " + sub).isTrue();
            examples.add(m.group(1));
        }
        SoftAssertions soft = new SoftAssertions();
        for (String example : examples) {
            List<String> args = new ArrayList<>();
            for (String word : words(example)) {
                args.add(word.startsWith("examples/") ? REPO.resolve(word).toString() : word.endsWith(".svg") ? tmp.resolve(word).toString() : word);
            }
            args.add("--warehouse");
            args.add(warehouse);
            CliRun r = CliRun.of(args.toArray(String[]::new));
            soft.assertThat(r.exitCode()).as("meshkit " + example + "\n" + r.out() + r.err()).isZero();
        }
        soft.assertAll();
    }

    /** The words of a command line as a shell splits it: blanks separate, quotes group. */
    private static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        char quote = 0;
        boolean any = false;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    w.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                any = true;
            } else if (c == ' ') {
                if (any) {
                    words.add(w.toString());
                    w.setLength(0);
                    any = false;
                }
            } else {
                w.append(c);
                any = true;
            }
        }
        if (any) {
            words.add(w.toString());
        }
        return words;
    }
}
