package io.meshkit.monitor.internal;

import io.meshkit.core.identifier.Namespace;
import io.meshkit.core.lineage.Lineage;
import io.meshkit.core.lineage.LineageReporting;
import io.meshkit.core.runlog.RunDatasets;
import io.meshkit.core.runlog.RunLog;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Row;
import io.meshkit.core.warehouse.SqlBuilder;
import io.meshkit.core.warehouse.Warehouse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * For datasets meshkit does not publish: the newest value of the freshness SLA's element column
 * (e.g. {@code plays.played_at}) of each production table that exists, all in one UNION ALL query.
 */
final class FreshnessProbe {
    private FreshnessProbe() {}

    /**
     * The newest values; when the run log reports lineage, the query is reported as job
     * {@code monitor.freshness} reading the production tables it probed.
     */
    static Map<String, Instant> newestValues(Warehouse warehouse, RunLog runLog, Collection<Expectation> expectations) {
        List<Expectation> probed = expectations.stream().filter(e -> e.freshnessColumn().isPresent()).toList();
        Map<String, Instant> out = new HashMap<>();
        if (probed.isEmpty()) {
            return out;
        }
        Map<Namespace, Set<TableId>> existing = new HashMap<>();
        List<Expectation> present = probed.stream().filter(e -> existing.computeIfAbsent(e.production().namespace(),
                ns -> new HashSet<>(warehouse.listTables(ns))).contains(e.production())).toList();
        if (present.isEmpty()) {
            return out;
        }
        SqlBuilder b = warehouse.dialect().sql();
        b.join(present, " UNION ALL ", e -> b.sql("SELECT ").bind(e.dataset()).sql(" AS dataset, MAX(").id(e.freshnessColumn().get())
                .sql(") AS newest FROM ").table(e.production()));
        Optional<Lineage.Run> lineage = runLog instanceof LineageReporting reporting
                ? Optional.of(reporting.startJob("monitor.freshness", new RunDatasets(
                        present.stream().map(e -> RunDatasets.Ref.table(e.production())).toList(), List.of())))
                : Optional.empty();
        try (ResultRows rows = warehouse.query(b.build())) {
            for (Row r : rows) {
                Object v = r.get("newest");
                Instant at = v instanceof Instant i ? i : v instanceof LocalDateTime t ? t.toInstant(ZoneOffset.UTC)
                        : v instanceof LocalDate d ? d.atStartOfDay().toInstant(ZoneOffset.UTC) : null;
                if (at != null) {
                    out.put(r.getString("dataset"), at);
                }
            }
        } catch (RuntimeException e) {
            lineage.ifPresent(run -> run.fail(e.getMessage()));
            throw e;
        }
        lineage.ifPresent(Lineage.Run::complete);
        return out;
    }
}
