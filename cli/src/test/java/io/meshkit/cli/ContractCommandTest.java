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
                FIXTURES.resolve("bad.odcs.yaml") + ":17:22: error: logicalType 'strng' of property 'title' of schema object"
                        + " 'tracks' is not one ODCS v3.1.0 allows (string, date, timestamp, time, number, integer, object,"
                        + " array, boolean) (did you mean 'string'?)",
                FIXTURES.resolve("bad.odcs.yaml") + ":20:15: error: property name 'a\"; DROP TABLE x; --' is not a safe"
                        + " name: it contains a quote (\")",
                "2 contracts, 0 valid, 7 problems");
        assertThat(run.out()).contains("malformed.odcs.yaml:3:1: error: invalid YAML")
                .contains(":18:15: error: duplicate property 'title'")
                .contains(":10:16: error: dataset 'tracks' is a dimension but has no primary key");
        assertThat(run.out() + run.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aMissingPathIsOneLineAndExitTwo() {
        CliRun run = CliRun.of("contract", "validate", "no/such/dir");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: Cannot read contract no/such/dir: no such file or directory" + System.lineSeparator());
    }

    /** A directory without contracts (say, the ODCS JSON schemas) is a wrong path: one line, exit 2, not "0 contracts". */
    @Test
    void aDirectoryWithoutContractsIsOneLineAndExitTwo(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("odcs-json-schema-v3.1.0.json"), "{}");
        CliRun run = CliRun.of("contract", "validate", dir.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: Cannot validate contracts in " + dir + ": no *.odcs.yaml (or *.odcs.yml) file in it or"
                + " below" + System.lineSeparator());
        assertThat(run.out()).isEmpty();
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
    void showWritesWhatItReadAndConvertsOnlyWhenAsked() throws Exception {
        String file = FIXTURES.resolve("v30.odcs.yaml").toString();
        CliRun same = CliRun.of("contract", "show", file);
        assertThat(same.exitCode()).isZero();
        assertThat(same.out()).isEqualTo(java.nio.file.Files.readString(FIXTURES.resolve("v30.odcs.yaml")));

        CliRun v31 = CliRun.of("contract", "show", "--to", "v3.1.0", file);
        assertThat(v31.exitCode()).isZero();
        assertThat(v31.out()).contains("apiVersion: v3.1.0", "purpose: Listeners of the music service.",
                "team:\n  members:\n    - username: alice", "- metric: nullValues\n            mustBe: 0")
                .doesNotContain("rule: nullCheck").doesNotContain("physicalType");
        assertThat(v31.err()).isEqualTo("note: " + file + ": quality rule 1 of property country: v3.1.0 names a"
                + " threshold: the implied mustBe: 0 is written" + System.lineSeparator());

        // and its help says so: a v3.0.2 contract is shown as v3.0.2 unless --to converts it
        assertThat(CliRun.of("contract", "show", "--help").out()).contains("Print a contract as read, in the forms of its own ODCS version")
                .doesNotContain("normalised to ODCS v3.1.0");

        CliRun back = CliRun.of("contract", "show", "--to", "v3.0.2", file);
        assertThat(back.exitCode()).isEqualTo(0); // its own version: nothing to convert
        CliRun down = CliRun.of("contract", "show", "--to", "v3.0.0", file);
        assertThat(down.exitCode()).isEqualTo(2);
        assertThat(down.err()).isEqualTo("error: Cannot convert contract urn:test:listeners from v3.0.2 to v3.0.0:"
                + " meshkit converts v3.0.x contracts to v3.1.0" + System.lineSeparator());
    }

    @Test
    void strictTurnsWarningsIntoErrors() throws Exception {
        Path dir = java.nio.file.Files.createTempDirectory("strict");
        Path typo = dir.resolve("typo.odcs.yaml");
        java.nio.file.Files.writeString(typo, """
                apiVersion: v3.0.2
                kind: DataContract
                id: typo
                version: 1.0.0
                status: draft
                servers:
                  - server: db
                    type: postgres
                    host: db.internal
                    port: 5432
                    database: app
                    schema: public
                    hots: db2.internal
                """);
        CliRun lenient = CliRun.of("contract", "validate", typo.toString());
        assertThat(lenient.exitCode()).isZero();
        assertThat(lenient.out()).isEqualTo(typo + ":13:5: warning: unknown field 'hots' in server 'db' (did you mean"
                + " 'host'?)" + System.lineSeparator() + "1 contract, 1 valid, 1 problem" + System.lineSeparator());
        CliRun strict = CliRun.of("contract", "validate", "--strict", typo.toString());
        assertThat(strict.exitCode()).isEqualTo(1);
        assertThat(strict.out()).startsWith(typo + ":13:5: error: unknown field 'hots'")
                .endsWith("1 contract, 0 valid, 1 problem" + System.lineSeparator());
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
        assertThat(run.err()).contains("error: Cannot print as sarif: meshkit contract validate prints text (default; table is the same), json");
    }
}
