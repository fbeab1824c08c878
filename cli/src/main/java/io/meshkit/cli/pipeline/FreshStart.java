package io.meshkit.cli.pipeline;

import io.meshkit.cli.pipeline.steps.PipelineFiles;
import io.meshkit.core.contract.Contract;
import io.meshkit.core.contract.Dataset;
import io.meshkit.core.contract.DatasetTables;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.Namespace;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.runlog.DatasetKey;
import io.meshkit.core.warehouse.ColumnInfo;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.SqlBuilder;
import io.meshkit.core.warehouse.Warehouse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * {@code meshkit run --fresh}: removes what earlier runs left of a pipeline's datasets, so the next run starts
 * over: for each dataset of the contracts its steps name, its production, staging, candidate, rejected, work,
 * version and sampled tables, its rows in the run log ({@code meshkit_meta}: runs, publications, applied
 * snapshots, leases, alerts), and the files its {@code ingest} steps landed for it in the landing zone
 * ({@code --landing} in the step's args, else {@link PipelineFiles#landing()}; a local directory or {@code file:} URI).
 * Other datasets are left alone.
 */
final class FreshStart {
    private final Pipeline pipeline;
    private final PipelineFiles files;

    FreshStart(Pipeline pipeline, PipelineFiles files) {
        this.pipeline = pipeline;
        this.files = files;
    }

    /** Removes (or, on a dry run, lists) what earlier runs left; one line each. */
    List<String> remove(Warehouse w, boolean dryRun) {
        Set<String> datasets = new TreeSet<>();
        List<TableId> exact = new ArrayList<>();
        List<TableId> prefixes = new ArrayList<>();
        Set<Path> landed = new LinkedHashSet<>();
        for (Pipeline.Step s : pipeline.steps()) {
            // ingest lands its parts there; load-snapshot (ingest files) writes its manifests there
            Optional<Path> landing = s.kind() == StepKind.INGEST || s.kind() == StepKind.LOAD_SNAPSHOT ? landing(s) : Optional.empty();
            for (String c : s.strings("contract")) {
                Path p = files.path(c);
                if (!Files.exists(p)) {
                    continue;
                }
                for (Path file : files.findContracts(p)) {
                    Contract contract = files.contract(file);
                    for (Dataset ds : contract.datasets()) {
                        DatasetTables t = DatasetTables.of(contract, ds);
                        datasets.add(DatasetKey.of(t.production()));
                        exact.addAll(List.of(t.production(), t.staging(), t.candidate(),
                                t.candidate().withName(t.candidate().name() + "_rejected"),
                                TableId.of(t.production().namespace().name() + "_sampled", t.production().name())));
                        prefixes.addAll(List.of(t.candidate().withName(t.candidate().name() + "__"),
                                t.staging().withName(t.staging().name() + "__"), t.staging().withName("_meshkit_load_" + t.staging().name() + "_"),
                                t.production().withName(t.production().name() + "__")));
                        // snapshot-ingest lands a contract's dataset under <landing>/<domain>.<table>/snapshot_date=D/
                        landing.ifPresent(root -> landed.add(root.resolve(t.production().toString())));
                    }
                }
            }
        }
        List<String> removed = new ArrayList<>();
        tables(w, exact, prefixes, dryRun, removed);
        runLog(w, datasets, dryRun, removed);
        for (Path dir : landed) {
            landingFiles(dir, dryRun, removed);
        }
        return removed;
    }

    /** The local landing zone of an ingest step, if it has one. */
    private Optional<Path> landing(Pipeline.Step s) {
        List<String> args = s.strings("args");
        String root = files.landing();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--landing") && i + 1 < args.size()) {
                root = args.get(i + 1);
            } else if (a.startsWith("--landing=")) {
                root = a.substring("--landing=".length());
            }
        }
        String expanded;
        try {
            expanded = files.expand(root);
        } catch (MeshkitException e) {
            return Optional.empty(); // a variable that is not set: that landing zone is not this run's
        }
        if (expanded.startsWith("file:")) {
            return Optional.of(Path.of(URI.create(expanded)));
        }
        // gs:// and other remote landing zones are left to their owners' retention
        return expanded.matches("[A-Za-z][A-Za-z0-9+.-]*://.*") ? Optional.empty() : Optional.of(Path.of(expanded));
    }

    private static void tables(Warehouse w, List<TableId> exact, List<TableId> prefixes, boolean dryRun, List<String> removed) {
        Set<Namespace> namespaces = new LinkedHashSet<>();
        exact.forEach(t -> namespaces.add(t.namespace()));
        // views (production) first: they read the version tables
        for (TableId t : exact) {
            if (w.columns(t).isPresent()) {
                removed.add("table " + t);
                if (!dryRun) {
                    w.drop(t);
                }
            }
        }
        for (Namespace ns : namespaces) {
            for (TableId t : w.listTables(ns)) {
                boolean ours = prefixes.stream().anyMatch(pre -> pre.namespace().equals(ns)
                        && t.name().toLowerCase(Locale.ROOT).startsWith(pre.name().toLowerCase(Locale.ROOT)));
                if (ours && removed.stream().noneMatch(r -> r.equals("table " + t))) {
                    removed.add("table " + t);
                    if (!dryRun) {
                        w.drop(t);
                    }
                }
            }
        }
    }

    private static void runLog(Warehouse w, Set<String> datasets, boolean dryRun, List<String> removed) {
        if (datasets.isEmpty()) {
            return;
        }
        for (TableId t : w.listTables(Namespace.META)) {
            Optional<List<ColumnInfo>> columns = w.columns(t);
            if (columns.isEmpty() || ColumnInfo.find(columns.get(), ColumnName.of("dataset")).isEmpty()) {
                continue;
            }
            // LOWER: rows an older meshkit wrote in the table's own case, before the run log migrates them
            SqlBuilder where = w.dialect().sql().sql(" WHERE LOWER(").id(ColumnName.of("dataset")).sql(") IN (");
            where.join(List.copyOf(datasets), d -> where.bind(d));
            Sql cond = where.sql(")").build();
            long n;
            try (ResultRows r = w.query(w.dialect().sql().sql("SELECT COUNT(*) FROM ").table(t).append(cond).build())) {
                n = ((Number) r.iterator().next().get(0)).longValue();
            }
            if (n == 0) {
                continue;
            }
            try {
                if (!dryRun) {
                    w.execute(w.dialect().sql().sql("DELETE FROM ").table(t).append(cond).build());
                }
                removed.add(n + " row" + (n == 1 ? "" : "s") + " of " + t);
            } catch (MeshkitException e) {
                // a view over the run log (meshkit_meta.datasets): its tables are cleaned
            }
        }
    }

    /** A dataset's directory in the landing zone: every snapshot date's files and manifest. */
    private static void landingFiles(Path dir, boolean dryRun, List<String> removed) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> all;
        try (Stream<Path> walk = Files.walk(dir)) {
            all = walk.sorted(Comparator.reverseOrder()).toList();
        } catch (IOException e) {
            throw new MeshkitException(ErrorCode.FILE_NOT_FOUND, "Cannot list landing files in " + dir + ": " + e.getMessage(), e);
        }
        long fileCount = all.stream().filter(Files::isRegularFile).count();
        long dates = all.stream().filter(p -> Files.isDirectory(p) && p.getFileName().toString().startsWith("snapshot_date=")).count();
        if (!dryRun) {
            try {
                for (Path p : all) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException | UncheckedIOException e) {
                throw new MeshkitException(ErrorCode.FILE_NOT_FOUND, "Cannot remove landing files in " + dir + ": " + e.getMessage(), e);
            }
        }
        removed.add("landing files " + dir + " (" + dates + " snapshot date" + (dates == 1 ? "" : "s") + ", " + fileCount + " file"
                + (fileCount == 1 ? "" : "s") + ")");
    }
}
