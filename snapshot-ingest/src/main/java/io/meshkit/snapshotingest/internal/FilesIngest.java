package io.meshkit.snapshotingest.internal;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.contract.Column;
import io.meshkit.core.contract.Contract;
import io.meshkit.core.contract.Dataset;
import io.meshkit.core.contract.DatasetTables;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.landing.LandingZone;
import io.meshkit.core.landing.Manifest;
import io.meshkit.core.landing.SnapshotKey;
import io.meshkit.core.progress.Progress;
import io.meshkit.core.runlog.Lease;
import io.meshkit.core.runlog.RunDatasets;
import io.meshkit.core.runlog.RunLog;
import io.meshkit.core.runlog.RunOutcome;
import io.meshkit.core.runlog.RunStatus;
import io.meshkit.core.type.DataType;
import io.meshkit.core.warehouse.ColumnInfo;
import io.meshkit.core.warehouse.Dialect;
import io.meshkit.core.warehouse.FileFormat;
import io.meshkit.core.warehouse.LoadRequest;
import io.meshkit.core.warehouse.SqlBuilder;
import io.meshkit.core.warehouse.SupportsTransactions;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.WriteMode;
import io.meshkit.snapshotingest.api.Drift;
import io.meshkit.snapshotingest.api.FilesRequest;
import io.meshkit.snapshotingest.api.StagingChange;
import io.meshkit.snapshotingest.api.TableResult;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Files as a source: the files of one snapshot date, {@code DIR/snapshot_date=YYYY-MM-DD/*.csv} (or {@code *.parquet}),
 * into a contract dataset's staging table, the shape a MySQL snapshot stages and scd-builder reads. Set-based: the
 * warehouse's {@code load} reads the files into a work table, the key is checked there (NULL or, unless allowed,
 * repeated values refuse the snapshot with nothing staged), then one transaction deletes the date's rows and inserts
 * the new ones, cast to the contract's types; loading a date again replaces it. The staging table's columns are
 * checked against the contract before a file is read, and follow it as for a MySQL snapshot ({@link StagingSchema}).
 * Each table's manifest (each file's size and SHA-256; the files are not copied) is written to the landing zone, and
 * its run recorded in the run log under a lease on the dataset.
 */
public final class FilesIngest {
    /** The manifest's source system of a files snapshot. */
    public static final String SYSTEM = "files";

    private final Warehouse warehouse;
    private final RunLog runLog;
    private final LandingZone landing;
    private final Clock clock;

    /** Files into the staging tables of {@code warehouse}. */
    public FilesIngest(Warehouse warehouse, RunLog runLog, LandingZone landing, Clock clock) {
        this.warehouse = requireNonNull(warehouse, "warehouse is null");
        this.runLog = requireNonNull(runLog, "runLog is null");
        this.landing = requireNonNull(landing, "landing is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** One dataset's files for the date. */
    private record Target(Contract contract, Dataset dataset, Path directory, List<Path> files) {}

    /** Stages the request's files, one table per contract dataset, in order; stops at the first that fails. */
    public List<TableResult> ingest(FilesRequest request, Progress progress) {
        List<Target> targets = new ArrayList<>();
        for (Contract c : request.contracts()) {
            for (Dataset ds : c.datasets()) {
                Path dir = c.datasets().size() > 1 ? request.snapshots().resolve(ds.name()) : request.snapshots();
                targets.add(new Target(c, ds, dir, files(dir, request.date())));
            }
        }
        progress.phase("staging", targets.size(), "tables");
        List<TableResult> results = new ArrayList<>();
        for (Target t : targets) {
            results.add(stage(t, request));
            progress.done().incrementAndGet();
        }
        return results;
    }

    /** The files of a date, sorted, or a one-line error if there are none or they mix formats. */
    static List<Path> files(Path snapshots, LocalDate date) {
        Path dir = snapshots.resolve("snapshot_date=" + date);
        if (!Files.isDirectory(dir)) {
            throw new MeshkitException(ErrorCode.FILE_NOT_FOUND, "Cannot load snapshot " + date + ": no directory " + dir
                    + datesThere(snapshots));
        }
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> files = s.filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return n.endsWith(".csv") || n.endsWith(".parquet");
            }).sorted().toList();
            if (files.isEmpty()) {
                throw new MeshkitException(ErrorCode.FILE_NOT_FOUND, "Cannot load snapshot " + date + ": no .csv or .parquet file in " + dir);
            }
            boolean parquet = parquet(files.get(0));
            if (files.stream().anyMatch(f -> parquet(f) != parquet)) {
                throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot load snapshot " + date + ": " + dir + " mixes CSV and Parquet files");
            }
            return files;
        } catch (IOException e) {
            throw new MeshkitException(ErrorCode.FILE_NOT_FOUND, "Cannot load snapshot " + date + ": " + e.getMessage(), e);
        }
    }

    /** "; dates there: 2024-01-01, 2024-01-02" (the newest five), or "; no snapshot_date=… directory in DIR". */
    static String datesThere(Path snapshots) {
        if (!Files.isDirectory(snapshots)) {
            return "; " + snapshots + " does not exist";
        }
        try (Stream<Path> s = Files.list(snapshots)) {
            List<String> dates = s.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("snapshot_date=")).map(n -> n.substring("snapshot_date=".length()))
                    .sorted().toList();
            if (dates.isEmpty()) {
                return "; no snapshot_date=YYYY-MM-DD directory in " + snapshots;
            }
            List<String> newest = dates.subList(Math.max(0, dates.size() - 5), dates.size());
            return "; dates there: " + (dates.size() > newest.size() ? "…, " : "") + String.join(", ", newest)
                    + (dates.size() > newest.size() ? " (" + dates.size() + " in all)" : "");
        } catch (IOException e) {
            return "";
        }
    }

    private static boolean parquet(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".parquet");
    }

    private TableResult stage(Target t, FilesRequest request) {
        long started = System.nanoTime();
        Instant startedAt = clock.instant();
        LocalDate date = request.date();
        DatasetTables tables = DatasetTables.of(t.contract(), t.dataset());
        String dataset = tables.production().toString();
        TableId staging = tables.staging();
        Path root = t.directory().toAbsolutePath().normalize();
        RunDatasets lineage = new RunDatasets(List.of(RunDatasets.Ref.external("file", root.toString(), t.dataset())),
                List.of(RunDatasets.Ref.external(landing.uri(), dataset, t.dataset()), RunDatasets.Ref.sourceRows(staging, t.dataset())));
        String runId = runLog.startRun(MySqlSnapshots.TOOL, dataset, lineage).runId();
        Lease lease = null;
        try {
            MySqlSnapshots.releaseIfHolderDied(runLog, dataset);
            lease = runLog.acquireLease(dataset, MySqlSnapshots.holder(), Duration.ofHours(2));
            TableResult r = stage(t, request, dataset, staging, runId, started, startedAt);
            runLog.finishRun(runId, new RunOutcome(RunStatus.SUCCEEDED, OptionalLong.of(r.rows()), OptionalLong.of(r.bytes()),
                    Optional.of(r.stagedRows() + " rows of " + r.files().size() + " file" + (r.files().size() == 1 ? "" : "s") + " in "
                            + t.directory().resolve("snapshot_date=" + date) + " staged into " + staging)));
            return r;
        } catch (RuntimeException e) {
            try {
                runLog.finishRun(runId, RunOutcome.failed(e.getMessage() == null ? e.getClass().getSimpleName()
                        : e.getMessage().lines().findFirst().orElse("")));
            } catch (RuntimeException ignored) {
                // the run stays RUNNING: the monitor reports it
            }
            throw e;
        } finally {
            if (lease != null) {
                try {
                    runLog.releaseLease(lease);
                } catch (RuntimeException e) {
                    // the lease expires on its own
                }
            }
        }
    }

    private TableResult stage(Target t, FilesRequest request, String dataset, TableId staging, String runId, long started, Instant startedAt) {
        LocalDate date = request.date();
        Dataset ds = t.dataset();
        Dialect d = warehouse.dialect();
        String what = "stage snapshot " + date + " into " + staging;
        List<ColumnInfo> columns = new ArrayList<>();
        for (Column c : ds.columns()) {
            columns.add(new ColumnInfo(c.columnName(), c.physicalType(), d.typeName(c.physicalType()), true));
        }
        // the contract against the staging table before a file is read: a breaking change stops here
        StagingSchema.check(warehouse, staging, columns, StagingSchema.renames(ds), StagingLoader.SNAPSHOT_DATE, request.allowBreaking(), what,
                "--allow-breaking");
        List<Manifest.Chunk> chunks = checksums(t.files(), date);
        TableId work = TableId.of(staging.namespace().name(), staging.name() + "__load");
        warehouse.createNamespace(staging.namespace());
        List<URI> uris = t.files().stream().map(p -> p.toAbsolutePath().toUri()).toList();
        boolean parquet = parquet(t.files().get(0));
        warehouse.load(work, new LoadRequest(uris, parquet ? FileFormat.PARQUET : FileFormat.CSV, WriteMode.REPLACE));
        try {
            List<ColumnInfo> loaded = warehouse.columns(work).orElseThrow();
            List<String> present = loaded.stream().map(c -> c.name().name().toLowerCase(Locale.ROOT)).toList();
            for (Column c : ds.columns()) {
                if (!present.contains(c.columnName().name().toLowerCase(Locale.ROOT))) {
                    throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot load snapshot " + date + " into " + staging
                            + ": the files have no column " + c.columnName().name() + " (" + t.files().get(0) + ")");
                }
            }
            // a column the source added that the contract does not declare yet: landed (in the manifest), not staged
            List<String> declared = ds.columns().stream().map(c -> c.columnName().name().toLowerCase(Locale.ROOT)).toList();
            List<String> undeclared = loaded.stream().map(c -> c.name().name())
                    .filter(n -> !declared.contains(n.toLowerCase(Locale.ROOT)) && !n.equalsIgnoreCase(StagingLoader.SNAPSHOT_DATE.name())).toList();
            long rows = StagingLoader.count(warehouse, work);
            List<ColumnName> key = ds.primaryKey().stream().map(Column::columnName).toList();
            SnapshotKeys keys = SnapshotKeys.check(warehouse, SnapshotKeys.table(warehouse, work), key);
            if (request.allowDuplicateKeys()) {
                keys = new SnapshotKeys(0, keys.nulls());
            }
            if (!keys.clean()) {
                throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot stage snapshot " + date + " into " + staging + ": "
                        + keys.describe(key) + " (" + t.files().get(0).getParent() + "); nothing was staged");
            }
            if (chunks.size() == 1) {
                Manifest.Chunk c = chunks.get(0);
                chunks = List.of(new Manifest.Chunk(c.id(), c.file(), rows, c.bytes(), c.sha256()));
            }
            long bytes = chunks.stream().mapToLong(Manifest.Chunk::bytes).sum();
            SnapshotKey snapshot = new SnapshotKey(dataset, date);
            Manifest manifest = new Manifest(Manifest.FORMAT_VERSION, dataset, date,
                    new Manifest.Source(SYSTEM, t.directory().toAbsolutePath().normalize().toUri().toString(), "", ds.name()),
                    // the files' columns (not a snapshot_date a warehouse may read from the directory's name)
                    loaded.stream().filter(c -> !c.name().name().equalsIgnoreCase(StagingLoader.SNAPSHOT_DATE.name()))
                            .map(c -> new Manifest.ManifestColumn(c.name().name(), c.engineType(), c.type().toString(),
                            c.nullable())).toList(),
                    key.stream().map(ColumnName::name).toList(), chunks, rows, bytes, null, startedAt, clock.instant(), 0, List.of());
            try {
                landing.writeManifest(snapshot, manifest);
            } catch (IOException e) {
                throw new MeshkitException(ErrorCode.SOURCE_FAILURE, "Cannot write to landing zone " + landing.uri() + ": " + e.getMessage(), e);
            }
            long landed = System.nanoTime();
            List<StagingChange> changes = StagingSchema.evolve(warehouse, staging, columns, StagingSchema.renames(ds),
                    new ColumnInfo(StagingLoader.SNAPSHOT_DATE, DataType.DATE, d.typeName(DataType.DATE), false), request.allowBreaking(), what,
                    "--allow-breaking");
            List<ColumnInfo> targets = new ArrayList<>(columns);
            targets.add(new ColumnInfo(StagingLoader.SNAPSHOT_DATE, DataType.DATE, d.typeName(DataType.DATE), false));
            SqlBuilder delete = d.sql().sql("DELETE FROM ").table(staging).sql(" WHERE ").id(StagingLoader.SNAPSHOT_DATE).sql(" = CAST(")
                    .bind(date.toString()).sql(" AS ").type(DataType.DATE).sql(")");
            SqlBuilder insert = d.sql().sql("INSERT INTO ").table(staging).sql(" (");
            insert.join(targets, c -> insert.id(c.name()));
            insert.sql(") SELECT ");
            insert.join(ds.columns(), c -> insert.sql("CAST(").id(c.columnName()).sql(" AS ").type(c.physicalType()).sql(")"));
            insert.sql(", CAST(").bind(date.toString()).sql(" AS ").type(DataType.DATE).sql(") FROM ").table(work);
            StagingLoader.unordered(warehouse, () -> {
                if (warehouse instanceof SupportsTransactions tx) {
                    tx.inTransaction(w -> {
                        w.execute(delete.build());
                        w.execute(insert.build());
                        return null;
                    });
                } else {
                    warehouse.execute(delete.build());
                    warehouse.execute(insert.build());
                }
                return null;
            });
            long staged = StagingLoader.count(warehouse, staging, date);
            List<String> warnings = new ArrayList<>();
            changes.forEach(c -> warnings.add(c.warning(staging)));
            if (!undeclared.isEmpty()) {
                warnings.add(undeclared(undeclared));
            }
            long duplicates = 0;
            if (request.allowDuplicateKeys() && staged > 0) {
                duplicates = SnapshotKeys.check(warehouse, StagingLoader.dateRows(warehouse, staging, date), key).duplicates();
                if (duplicates > 0) {
                    warnings.add(duplicates + " key value" + (duplicates == 1 ? "" : "s") + " of (" + String.join(", ",
                            key.stream().map(ColumnName::name).toList()) + ") staged more than once (allowed)");
                }
            }
            return new TableResult(dataset, t.directory().resolve("snapshot_date=" + date).toString(), runId, landing.uri(snapshot,
                    LandingZone.MANIFEST), uris, rows, bytes, chunks.size(), 0, false, 0, staging, staged, duplicates, null, new Drift(List.of()), warnings,
                    new TableResult.Phases(Duration.ofNanos(landed - started), Duration.ofNanos(System.nanoTime() - landed)), changes);
        } finally {
            warehouse.drop(work);
        }
    }

    /** The warning for columns of the files that the contract does not declare. */
    static String undeclared(List<String> columns) {
        return "the files have " + (columns.size() == 1 ? "a column" : "columns") + " the contract does not declare, not staged: "
                + String.join(", ", columns) + " (declare " + (columns.size() == 1 ? "it" : "them") + " in the contract to stage "
                + (columns.size() == 1 ? "it" : "them") + ")";
    }

    /**
     * One manifest chunk per file: its URI, size and SHA-256 (rows are counted for a single file; files loaded together
     * are counted together, so each of several files has {@code rows} -1 and the manifest's total is exact).
     */
    private static List<Manifest.Chunk> checksums(List<Path> files, LocalDate date) {
        List<Manifest.Chunk> out = new ArrayList<>();
        byte[] buffer = new byte[1 << 16];
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            try (InputStream in = Files.newInputStream(f)) {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                long bytes = 0;
                for (int n; (n = in.read(buffer)) > 0; ) {
                    sha.update(buffer, 0, n);
                    bytes += n;
                }
                out.add(new Manifest.Chunk(i, f.toAbsolutePath().toUri().toString(), -1, bytes, HexFormat.of().formatHex(sha.digest())));
            } catch (IOException e) {
                throw new MeshkitException(ErrorCode.FILE_NOT_FOUND, "Cannot load snapshot " + date + ": cannot read " + f + ": " + e.getMessage(), e);
            } catch (NoSuchAlgorithmException e) {
                throw new MeshkitException(ErrorCode.INTERNAL_ERROR, "Internal error: no SHA-256: " + e.getMessage(), e);
            }
        }
        return out;
    }
}
