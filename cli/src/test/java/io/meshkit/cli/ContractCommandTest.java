package io.meshkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ContractCommandTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Path FIXTURES = Path.of("src/test/resources/contracts");

    @Test
    void validatesTheShippedExamples() {
        CliRun run = CliRun.of("contract", "validate", ROOT.resolve("examples").toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("4 contracts, 4 valid, 0 problems" + System.lineSeparator());
        assertThat(run.err()).isEmpty();
    }

    @Test
    void reportsEveryProblemWithItsPositionAndExitsTwo() {
        CliRun run = CliRun.of("contract", "validate", FIXTURES.resolve("bad.odcs.yaml").toString(),
                FIXTURES.resolve("malformed.odcs.yaml").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out().lines()).contains(
                FIXTURES.resolve("bad.odcs.yaml") + ":17:22: error: unknown logicalType 'strng' (known: string, date, timestamp, time, number, integer, object, array, boolean)",
                FIXTURES.resolve("bad.odcs.yaml") + ":20:15: error: column name 'a\"; DROP TABLE x; --' is not a safe identifier: use letters, digits and underscores, not starting with a digit",
                "2 contracts, 0 valid, 7 problems");
        assertThat(run.out()).contains("malformed.odcs.yaml:3:1: error: invalid YAML")
                .contains(":18:15: error: duplicate column 'title'")
                .contains(":10:16: error: dataset 'tracks' is a dimension but has no primary key");
        assertThat(run.out() + run.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aMissingPathIsOneLineAndExitTwo() {
        CliRun run = CliRun.of("contract", "validate", "no/such/dir");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: Cannot read contract no/such/dir: no such file or directory" + System.lineSeparator());
    }

    @Test
    void jsonOutputNamesEveryContractAndProblem() throws Exception {
        CliRun run = CliRun.of("contract", "validate", "--format", "json", FIXTURES.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.at("/summary/contracts").asInt()).isEqualTo(3);
        assertThat(json.at("/summary/invalid").asInt()).isEqualTo(2);
        JsonNode bad = json.get("contracts").get(0);
        assertThat(bad.get("path").asText()).endsWith("bad.odcs.yaml");
        assertThat(bad.at("/problems/2/line").asInt()).isEqualTo(17);
        assertThat(bad.at("/problems/2/column").asInt()).isEqualTo(22);
        assertThat(json.get("contracts").get(2).get("valid").asBoolean()).isTrue();
        assertThat(json.get("contracts").get(2).get("id").asText()).isEqualTo("urn:test:listeners");
    }

    @Test
    void showNormalisesVersionThreeZeroToThreeOne() {
        CliRun run = CliRun.of("contract", "show", FIXTURES.resolve("v30.odcs.yaml").toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("apiVersion: v3.1.0").contains("purpose: Listeners of the music service.")
                .contains("metric: nullValues").contains("physicalType: BIGINT").doesNotContain("rule: nullCheck");
    }

    @Test
    void showPrintsJson() throws Exception {
        CliRun run = CliRun.of("contract", "show", "--format", "json", FIXTURES.resolve("v30.odcs.yaml").toString());
        assertThat(run.exitCode()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.at("/schema/0/properties/0/name").asText()).isEqualTo("listener_id");
        assertThat(json.at("/version").asText()).isEqualTo("2.1.0");
    }

    @Test
    void showOfAnInvalidContractPrintsItsProblems() {
        CliRun run = CliRun.of("contract", "show", FIXTURES.resolve("malformed.odcs.yaml").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith(FIXTURES.resolve("malformed.odcs.yaml") + ":3:1: error: invalid YAML");
    }

    @Test
    void unknownFormatIsBadInput() {
        CliRun run = CliRun.of("contract", "validate", "--format", "sarif", FIXTURES.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Cannot print as sarif: this command supports text, json");
    }
}
