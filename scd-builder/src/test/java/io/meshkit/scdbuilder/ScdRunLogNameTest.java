package io.meshkit.scdbuilder;

import static io.meshkit.scdbuilder.ScdFixture.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshkit.core.contract.ContractReader;
import io.meshkit.core.identifier.Namespace;
import io.meshkit.core.runlog.MetaSchema;
import io.meshkit.core.runlog.RunRecord;
import io.meshkit.core.runlog.WarehouseRunLog;
import io.meshkit.core.warehouse.Warehouses;
import io.meshkit.scdbuilder.api.Execution;
import io.meshkit.scdbuilder.api.ScdResult;
import io.meshkit.scdbuilder.api.ScdTarget;
import io.meshkit.scdbuilder.di.ScdBuilders;
import java.time.Clock;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * A dimension whose table the contract spells in mixed case ({@code Items}) is recorded under the run
 * log's one key, {@code music.items}, as the publisher and the monitor name it; what an older
 * scd-builder recorded as {@code music.Items} is migrated, so its history still counts.
 */
class ScdRunLogNameTest {
    private static final LocalDate D1 = LocalDate.of(2026, 1, 1);
    private static final LocalDate D2 = LocalDate.of(2026, 1, 2);

    private static ScdFixture mixedCase() {
        return ScdFixture.of(Warehouses.open("duckdb::memory:"), ContractReader.create().parse("items.odcs.yaml", """
                apiVersion: v3.1.0
                kind: DataContract
                id: urn:meshkit:test:items
                version: 1.0.0
                status: active
                domain: music
                schema:
                  - name: Items
                    properties:
                      - {name: id, logicalType: integer, physicalType: BIGINT, required: true, primaryKey: true}
                      - {name: name, logicalType: string, physicalType: VARCHAR}
                    customProperties:
                      - {property: meshkit.kind, value: dimension}
                """).orThrow());
    }

    @Test
    void aMixedCaseTableIsRecordedUnderTheLowerCaseKey() {
        try (ScdFixture f = mixedCase()) {
            f.stage(D1, row(1L, "a"));
            ScdResult r = f.scd.apply(f.target, D1, Execution.RUN);
            assertThat(r.dataset()).isEqualTo("music.items");
            assertThat(WarehouseRunLog.of(f.warehouse).runs("music.items", 10)).extracting(RunRecord::tool).containsExactly("scd");
            assertThat(f.rows(f.warehouse.dialect().sql().sql("SELECT DISTINCT dataset FROM ").table(Namespace.META.table("runs")).build()))
                    .containsExactly(java.util.List.of("music.items"));
        }
    }

    @Test
    void appliedDatesAnOlderScdBuilderRecordedInMixedCaseStillCount() {
        try (ScdFixture f = mixedCase()) {
            f.stage(D1, row(1L, "a"));
            f.stage(D2, row(1L, "b"));
            f.scd.apply(f.target, D1, Execution.RUN);
            f.scd.apply(f.target, D2, Execution.RUN);
            // as an older scd-builder left it: the table as the contract spells it, and no migration recorded
            f.warehouse.execute(f.warehouse.dialect().sql().sql("UPDATE ").table(Namespace.META.table("scd_applied"))
                    .sql(" SET dataset = 'music.Items'").build());
            f.warehouse.execute(f.warehouse.dialect().sql().sql("DELETE FROM ").table(MetaSchema.VERSIONS)
                    .sql(" WHERE component = 'scd_applied'").build());
            var upgraded = ScdBuilders.create(f.warehouse, WarehouseRunLog.of(f.warehouse), Clock.systemUTC());
            assertThatThrownBy(() -> upgraded.apply(ScdTarget.of(f.target.contract(), (String) null), D1, Execution.RUN))
                    .hasMessageStartingWith("Cannot apply snapshot 2026-01-01 to music.items: it is older than the last applied snapshot 2026-01-02");
        }
    }
}
