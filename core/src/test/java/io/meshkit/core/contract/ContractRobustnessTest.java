package io.meshkit.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whatever the content, the reader reports problems and never throws. */
class ContractRobustnessTest {
    private static final List<String> REPLACEMENTS = List.of("[x, 1]", "{a: 1}", "", "~", "-7", "'a\"; DROP'", "1.5");

    private final ContractReader reader = ContractReader.create();

    @Test
    void everyMutationOfAValidContractGivesProblemsNotExceptions() throws IOException {
        List<String> lines = Files.readAllLines(ContractReaderTest.FIXTURES.resolve("tracks-v31.odcs.yaml"));
        List<String> variants = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            List<String> dropped = new ArrayList<>(lines);
            dropped.remove(i);
            variants.add(String.join("\n", dropped));
            String line = lines.get(i);
            int colon = line.indexOf(": ");
            if (colon < 0 && line.endsWith(":")) {
                colon = line.length() - 1;
            }
            if (colon >= 0) {
                for (String replacement : REPLACEMENTS) {
                    List<String> changed = new ArrayList<>(lines);
                    changed.set(i, line.substring(0, colon) + ": " + replacement);
                    variants.add(String.join("\n", changed));
                }
            }
        }
        for (String yaml : variants) {
            ParsedContract parsed = reader.parse("m.odcs.yaml", yaml);
            assertThat(parsed.problems()).as(yaml)
                    .noneMatch(p -> p.message().contains("internal error"));
            assertThat(parsed.contract().isPresent()).isEqualTo(!parsed.hasErrors());
        }
    }

    @Test
    void aliasesAreAProblem() {
        ParsedContract parsed = reader.parse("a.odcs.yaml", """
                apiVersion: v3.1.0
                kind: DataContract
                id: a
                version: 1.0.0
                status: active
                schema:
                  - name: t
                    properties:
                      - &key {name: k, logicalType: integer, primaryKey: true}
                      - *key
                """);
        assertThat(parsed.contract()).isEmpty();
        assertThat(parsed.problems()).extracting(ContractProblem::toString).containsExactly(
                "a.odcs.yaml:10:9: error: YAML aliases (*key) are not supported in contracts: write the content out");
    }

    @Test
    void severalDocumentsAreAProblem() {
        assertThat(reader.parse("d.odcs.yaml", "apiVersion: v3.1.0\n---\nid: b\n").problems())
                .extracting(ContractProblem::toString)
                .contains("d.odcs.yaml:3:1: error: a contract file holds a single YAML document");
    }

    @Test
    void byteOrderMarkIsAccepted() throws IOException {
        String yaml = "\uFEFF" + Files.readString(ContractReaderTest.FIXTURES.resolve("tracks-v30.odcs.yaml"));
        assertThat(reader.parse("bom.odcs.yaml", yaml).problems()).isEmpty();
    }

    @Test
    void hugeAndDeepInputIsAProblem() {
        String deep = "a: " + "[".repeat(5_000) + "]".repeat(5_000);
        assertThat(reader.parse("deep.odcs.yaml", deep).hasErrors()).isTrue();
    }
}
