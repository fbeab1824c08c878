package io.meshkit.linter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshkit.linter.api.LintReport;
import io.meshkit.linter.api.Rules;
import io.meshkit.linter.internal.Reports;
import org.junit.jupiter.api.Test;

class ReportsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LintReport report() {
        return Fixtures.lint(Fixtures.with("- name: ms_played", "- name: msPlayed")
                .replace("        classification: pii\n", ""));
    }

    @Test
    void sarifHasTheRequiredStructureOfVersion210() throws Exception {
        LintReport r = report();
        JsonNode root = JSON.readTree(Reports.sarif(r, "0.1.0"));
        assertThat(root.get("version").asText()).isEqualTo("2.1.0");
        assertThat(root.get("$schema").asText()).contains("sarif-2.1.0");
        assertThat(root.get("runs")).hasSize(1);
        JsonNode run = root.get("runs").get(0);
        JsonNode driver = run.get("tool").get("driver");
        assertThat(driver.get("name").asText()).isEqualTo("meshkit-lint");
        JsonNode rules = driver.get("rules");
        assertThat(rules).hasSize(Rules.all().size());
        for (JsonNode rule : rules) {
            assertThat(rule.get("id").asText()).isNotBlank();
            assertThat(rule.get("shortDescription").get("text").asText()).isNotBlank();
            assertThat(rule.get("defaultConfiguration").get("level").asText()).isIn("error", "warning", "note");
        }
        JsonNode results = run.get("results");
        assertThat(results).hasSize(r.findings().size()).hasSizeGreaterThanOrEqualTo(2);
        for (JsonNode result : results) {
            int index = result.get("ruleIndex").asInt();
            assertThat(rules.get(index).get("id").asText()).isEqualTo(result.get("ruleId").asText());
            assertThat(result.get("level").asText()).isIn("error", "warning", "note");
            assertThat(result.get("message").get("text").asText()).isNotBlank();
            JsonNode physical = result.get("locations").get(0).get("physicalLocation");
            assertThat(physical.get("artifactLocation").get("uri").asText()).isEqualTo("c.odcs.yaml");
            assertThat(physical.get("region").get("startLine").asInt()).isPositive();
            assertThat(physical.get("region").get("startColumn").asInt()).isPositive();
        }
        JsonNode naming = null;
        for (JsonNode result : results) {
            if (result.get("ruleId").asText().equals(Rules.NAMING_CASE)) {
                naming = result;
            }
        }
        assertThat(naming).isNotNull();
        assertThat(naming.get("locations").get(0).get("physicalLocation").get("region").get("startLine").asInt()).isEqualTo(30);
        assertThat(naming.get("locations").get(0).get("physicalLocation").get("region").get("startColumn").asInt()).isEqualTo(15);
    }

    @Test
    void githubAnnotationsEscapeWhatGithubRequires() {
        assertThat(Reports.escapeData("50% done\r\nnext")).isEqualTo("50%25 done%0D%0Anext");
        assertThat(Reports.escapeProperty("dir,a:b%.yaml")).isEqualTo("dir%2Ca%3Ab%25.yaml");
        String out = Reports.github(report());
        assertThat(out).contains("::error file=c.odcs.yaml,line=30,col=15,title=naming-case::column plays.msPlayed is not snake_case");
        assertThat(out.lines().filter(l -> l.startsWith("::"))).allMatch(l -> l.matches("::(error|warning|notice) file=[^,]+,line=\\d+,col=\\d+,title=[a-z0-9-]+::.*"));
    }

    @Test
    void jsonNamesEveryCount() throws Exception {
        JsonNode root = JSON.readTree(Reports.json(report()));
        assertThat(root.get("summary").get("contracts").asInt()).isEqualTo(1);
        assertThat(root.get("summary").get("errors").asInt()).isEqualTo(2);
        assertThat(root.get("findings").get(0).get("rule").asText()).isNotBlank();
        assertThat(root.get("tablesChanged")).isEmpty();
    }

    @Test
    void textAndMarkdown() {
        String text = Reports.text(report());
        assertThat(text).contains("c.odcs.yaml:30:15: error naming-case column plays.msPlayed is not snake_case");
        assertThat(text).endsWith("1 contract: 2 errors, 0 warnings, 0 notes\n");
        String md = Reports.markdown(report());
        assertThat(md).startsWith("## meshkit lint: ❌ 2 errors, 0 warnings").contains("| ❌ | `c.odcs.yaml:30:15` | `naming-case` |");
    }
}
