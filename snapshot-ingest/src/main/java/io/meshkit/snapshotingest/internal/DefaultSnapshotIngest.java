package io.meshkit.snapshotingest.internal;

import static java.util.Objects.requireNonNull;

import dagger.Lazy;
import io.meshkit.core.contract.Contract;
import io.meshkit.core.contract.Dataset;
import io.meshkit.core.contract.DatasetTables;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.landing.LandingZone;
import io.meshkit.core.progress.Progress;
import io.meshkit.core.runlog.RunLog;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.snapshotingest.api.FilesRequest;
import io.meshkit.snapshotingest.api.SnapshotIngest;
import io.meshkit.snapshotingest.api.SnapshotRequest;
import io.meshkit.snapshotingest.api.SnapshotTarget;
import io.meshkit.snapshotingest.api.TablePlan;
import io.meshkit.snapshotingest.api.TableResult;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.inject.Inject;

/**
 * The {@link SnapshotIngest} of this module: MySQL snapshots ({@link MySqlSnapshots}) and files ({@link FilesIngest}).
 * The warehouse and its run log are taken on first use, so a plan opens neither.
 */
public final class DefaultSnapshotIngest implements SnapshotIngest {
    private final Lazy<Warehouse> warehouse;
    private final Lazy<RunLog> runLog;
    private final LandingZone landing;
    private final Clock clock;

    /** An ingest into {@code warehouse}, recording runs in {@code runLog}, landing in {@code landing}. */
    @Inject
    public DefaultSnapshotIngest(Lazy<Warehouse> warehouse, Lazy<RunLog> runLog, LandingZone landing, Clock clock) {
        this.warehouse = requireNonNull(warehouse, "warehouse is null");
        this.runLog = requireNonNull(runLog, "runLog is null");
        this.landing = requireNonNull(landing, "landing is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public List<TablePlan> plan(SnapshotRequest request) {
        MySqlSource source = source(request);
        return new MySqlSnapshots(source, landing, clock).plan(targets(request, source), request.options());
    }

    @Override
    public List<TableResult> snapshot(SnapshotRequest request, Progress progress) {
        MySqlSource source = source(request);
        List<SnapshotTarget> targets = targets(request, source);
        return new MySqlSnapshots(source, landing, clock).snapshot(targets, request.options(), warehouse.get(), runLog.get(),
                requireNonNull(progress, "progress is null"));
    }

    @Override
    public List<TableResult> files(FilesRequest request, Progress progress) {
        return new FilesIngest(warehouse.get(), runLog.get(), landing, clock).ingest(requireNonNull(request, "request is null"),
                requireNonNull(progress, "progress is null"));
    }

    private static MySqlSource source(SnapshotRequest request) {
        return MySqlSource.of(requireNonNull(request, "request is null").source(), request.password().orElse(null));
    }

    /**
     * The tables of a request: each named table as {@code <database>_staging.<table>}, each contract dataset as
     * {@code <domain>_staging.<table>}; the request's staging namespace or table replaces the default.
     */
    static List<SnapshotTarget> targets(SnapshotRequest request, MySqlSource source) {
        List<SnapshotTarget> out = new ArrayList<>();
        String database = source.database();
        for (String t : request.tables()) {
            TableId stagingTable = TableId.of(database.toLowerCase(Locale.ROOT).replace('-', '_') + "_staging", t);
            out.add(new SnapshotTarget(database + "." + t, t, Optional.empty(), stagingTable));
        }
        for (Contract c : request.contracts()) {
            for (Dataset ds : c.datasets()) {
                DatasetTables tablesOf = DatasetTables.of(c, ds);
                out.add(new SnapshotTarget(tablesOf.production().toString(), ds.name(), Optional.of(ds), tablesOf.staging()));
            }
        }
        if (request.staging().isPresent()) {
            String staging = request.staging().get();
            if (staging.contains(".")) {
                SnapshotTarget t = out.get(0);
                out.set(0, new SnapshotTarget(t.dataset(), t.sourceTable(), t.contract(), TableId.parse(staging)));
            } else {
                out.replaceAll(t -> new SnapshotTarget(t.dataset(), t.sourceTable(), t.contract(), TableId.of(staging, t.staging().name())));
            }
        }
        return out;
    }
}
