package io.meshkit.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.type.DataType;
import io.meshkit.core.type.LogicalType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContractModelTest {
    private static Column column(String name, String physicalName, String classification) {
        return Column.builder(name, DataType.VARCHAR).physicalName(physicalName).classification(classification).build();
    }

    @Test
    void columnNameIsThePhysicalNameWhenSet() {
        assertThat(column("artist", null, null).columnName()).isEqualTo(ColumnName.of("artist"));
        assertThat(column("artist", "artist_name", null).columnName()).isEqualTo(ColumnName.of("artist_name"));
    }

    @Test
    void aTypeIsShownAsTheContractSpellsIt() {
        assertThat(Column.builder("a", DataType.INTEGER).declaredPhysicalType("INT").build().typeShown()).isEqualTo("INT (INTEGER)");
        assertThat(Column.builder("a", DataType.INTEGER).declaredPhysicalType(" integer ").build().typeShown()).isEqualTo("INTEGER");
        assertThat(Column.builder("a", DataType.decimal(12, 2)).declaredPhysicalType("decimal(12, 2)").build().typeShown())
                .isEqualTo("DECIMAL(12,2)");
        assertThat(Column.builder("a", DataType.BIGINT).build().typeShown()).isEqualTo("BIGINT");
    }

    @Test
    void personalDataIsAnyClassificationButPublic() {
        assertThat(column("a", null, null).isPersonalData()).isFalse();
        assertThat(column("a", null, "Public").isPersonalData()).isFalse();
        assertThat(column("a", null, "pii").isPersonalData()).isTrue();
        assertThat(column("a", null, "restricted").isPersonalData()).isTrue();
    }

    @Test
    void defaultsApply() {
        Column c = column("a", null, null);
        assertThat(c.history()).isEqualTo(HistoryMode.TYPE2);
        assertThat(c.quality()).isEmpty();
        assertThat(c.customProperties()).isEmpty();
        Dataset d = new Dataset("t", null, null, null, null, null, null, List.of(c), null, null, null, null, null);
        assertThat(d.timeResolution()).isEqualTo(TimeResolution.DAY);
        assertThat(d.deletes()).isEqualTo(DeletesMode.CLOSE);
        assertThat(d.samplingKey()).isEmpty();
        assertThat(d.tableName()).isEqualTo("t");
        assertThat(d.column("a")).contains(c);
        assertThat(d.column("A")).isEmpty();
        assertThat(d.primaryKey()).isEmpty();
        Contract contract = new Contract("v3.1.0", "DataContract", "id", null, "1", "active", null, null, null, null,
                List.of(d), null, null, null, null, null);
        assertThat(contract.sla()).isEqualTo(Sla.NONE);
        assertThat(contract.dataset("t")).contains(d);
        QualityRule rowCount = QualityRule.library(QualityMetric.ROW_COUNT);
        assertThat(rowCount.threshold()).isEqualTo(Threshold.NOT_EMPTY);
        assertThat(rowCount.unit()).isEqualTo("rows");
        assertThat(rowCount.severity()).isEqualTo("error");
        assertThat(QualityRule.library(QualityMetric.NULL_VALUES).threshold()).isEqualTo(Threshold.ZERO);
    }

    @Test
    void qualityUnitAndSeverityAreOpen() {
        QualityRule custom = new QualityRule(null, null, QualityRuleType.LIBRARY, QualityMetric.NULL_VALUES, null,
                Map.of(), null, "Percent", null, "critical", "completeness", null, null);
        assertThat(custom.isPercent()).isTrue();
        assertThat(custom.isWarning()).isFalse();
        assertThat(custom.severity()).isEqualTo("critical");
        QualityRule info = new QualityRule(null, null, QualityRuleType.TEXT, null, null, Map.of(), null, "records",
                null, "info", null, null, null);
        assertThat(info.isWarning()).isTrue();
        assertThat(info.isPercent()).isFalse();
        assertThat(info.unit()).isEqualTo("records");
    }

    @Test
    void aContractWithoutSchemaSaysSoWhenATableIsNeeded() {
        Contract roles = new Contract("v3.1.0", "DataContract", "roles-only", null, "1", "active", null, null, null,
                null, List.of(), null, null, null, null, null);
        assertThatThrownBy(() -> roles.chooseDataset(null, "roles.odcs.yaml"))
                .hasMessage("Cannot choose a dataset of roles.odcs.yaml: the contract has no schema objects, and this"
                        + " command works on a table");
        Dataset empty = new Dataset("line_items", null, null, null, null, null, null, List.of(), null, null, null,
                null, null);
        assertThatThrownBy(() -> empty.requireColumns("build a dimension"))
                .hasMessage("Cannot build a dimension for dataset line_items: its schema object lists no properties, and"
                        + " a table needs columns");
    }

    @Test
    void collectionsAreCopied() {
        List<Column> columns = new ArrayList<>(List.of(column("a", null, null)));
        Dataset d = new Dataset("t", null, null, null, null, null, null, columns, null, null, null, null, null);
        columns.add(column("b", null, null));
        assertThat(d.columns()).hasSize(1);
        assertThatThrownBy(() -> d.columns().add(column("c", null, null)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void mandatoryFieldsAreChecked() {
        assertThatThrownBy(() -> new Contract("v3.1.0", "DataContract", null, null, "1", "active", null, null, null,
                null, null, null, null, null, null, null)).isInstanceOf(NullPointerException.class).hasMessage("id is null");
        assertThatThrownBy(() -> new QualityRule(null, null, QualityRuleType.SQL, QualityMetric.ROW_COUNT, null,
                Map.of(), null, null, "SELECT 1", null, null, null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QualityRule(null, null, QualityRuleType.SQL, null, null, Map.of(), null, null,
                null, null, null, null, null)).isInstanceOf(NullPointerException.class).hasMessage("query is null");
    }

    @Test
    void metricsAcceptBothOdcsVersions() {
        assertThat(QualityMetric.fromOdcs("nullCheck")).contains(QualityMetric.NULL_VALUES);
        assertThat(QualityMetric.fromOdcs("nullValues")).contains(QualityMetric.NULL_VALUES);
        assertThat(QualityMetric.fromOdcs("validValues")).contains(QualityMetric.INVALID_VALUES);
        assertThat(QualityMetric.fromOdcs("duplicateCount")).contains(QualityMetric.DUPLICATE_VALUES);
        assertThat(QualityMetric.fromOdcs("missingValues")).contains(QualityMetric.MISSING_VALUES);
        assertThat(QualityMetric.fromOdcs("rowcount")).contains(QualityMetric.ROW_COUNT);
        assertThat(QualityMetric.fromOdcs("nullCount")).isEmpty();
    }

    @Test
    void problemsPrintAsCompilerMessages() {
        ContractProblem p = new ContractProblem(new SourceLocation("x.odcs.yaml", 3, 7),
                ContractProblem.Severity.WARNING, "careful");
        assertThat(p).hasToString("x.odcs.yaml:3:7: warning: careful");
        ContractException e = new ContractException(List.of(
                new ContractProblem(new SourceLocation("x.odcs.yaml", 1, 1), ContractProblem.Severity.ERROR, "bad"),
                p));
        assertThat(e).hasMessage("x.odcs.yaml:1:1: error: bad (and 1 more problem)");
        assertThat(e.exitCode()).isEqualTo(2);
    }
}
