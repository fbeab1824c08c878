package io.meshkit.snapshotingest.internal;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.runlog.RetainedColumns;
import io.meshkit.core.type.DataType;
import io.meshkit.core.warehouse.ColumnInfo;
import io.meshkit.core.warehouse.Dialect;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.snapshotingest.api.StagingChange;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps a staging table (the staged columns plus {@code snapshot_date}, one snapshot per date) in step with the
 * columns a new snapshot brings, so that earlier dates stay and the new date fits:
 *
 * <ul>
 *   <li>a new column is added ({@code ALTER TABLE ... ADD COLUMN}): earlier dates read NULL;
 *   <li>a wider type ({@code INT} to {@code BIGINT}, a longer {@code VARCHAR}, a {@code DECIMAL} with more digits,
 *       {@code FLOAT} to {@code DOUBLE}) widens the column in place;
 *   <li>a rename the contract declares ({@code meshkit.renamedFrom}) renames the column: earlier dates keep their
 *       values under the new name;
 *   <li>breaking changes (a column removed, a type narrowed or changed) are refused unless allowed: then a removed
 *       column stays (NULL from the new date on), a narrowed one keeps its wider type, a changed one is converted.
 * </ul>
 *
 * snapshot-ingest stages through it, from MySQL and from files (the pipeline's {@code load-snapshot}), and
 * {@link #check checks} the staging table before it reads a source.
 */
public final class StagingSchema {
    private StagingSchema() {}

    /**
     * The changes that bring an existing staging table to the wanted columns (none when it does not exist yet).
     *
     * @param existing the staging table's columns, if it exists
     * @param wanted the staged columns of the new snapshot, without {@code snapshot_date}
     * @param renames declared renames: new column to old column
     * @param ignored columns of the staging table that are not staged columns (e.g. {@code snapshot_date})
     */
    public static List<StagingChange> plan(Optional<List<ColumnInfo>> existing, List<ColumnInfo> wanted, Map<ColumnName, ColumnName> renames,
            List<ColumnName> ignored, Dialect dialect) {
        if (existing.isEmpty()) {
            return List.of();
        }
        List<ColumnInfo> table = existing.get();
        List<StagingChange> out = new ArrayList<>();
        List<String> matched = new ArrayList<>();
        ignored.forEach(c -> matched.add(lower(c)));
        for (ColumnInfo w : wanted) {
            Optional<ColumnInfo> have = find(table, w.name());
            if (have.isEmpty()) {
                ColumnName old = renames.get(w.name());
                Optional<ColumnInfo> was = old == null ? Optional.empty() : find(table, old);
                if (was.isPresent() && !wanted.stream().anyMatch(x -> lower(x.name()).equals(lower(old)))) {
                    matched.add(lower(old));
                    out.add(new StagingChange(StagingChange.Kind.RENAMED, w.name(), "column " + was.get().name().name() + " renamed to " + w.name().name()
                            + " (declared by meshkit.renamedFrom; earlier dates keep their values)"));
                    type(out, w, was.get(), dialect);
                } else {
                    out.add(new StagingChange(StagingChange.Kind.ADDED, w.name(), "column " + w.name().name() + " " + w.type()
                            + " added (earlier dates NULL)"));
                }
                continue;
            }
            matched.add(lower(have.get().name()));
            type(out, w, have.get(), dialect);
        }
        for (ColumnInfo c : table) {
            if (!matched.contains(lower(c.name()))) {
                out.add(new StagingChange(StagingChange.Kind.REMOVED, c.name(), "column " + c.name().name() + " removed (earlier dates keep it; NULL from now on)"));
            }
        }
        return List.copyOf(out);
    }

    private static void type(List<StagingChange> out, ColumnInfo wanted, ColumnInfo have, Dialect dialect) {
        // compared as the warehouse spells them, shown as meshkit names them
        String from = have.type().toString();
        String to = wanted.type().toString();
        if (dialect.typeName(have.type()).equals(dialect.typeName(wanted.type()))) {
            return;
        }
        if (have.type().widensTo(wanted.type())) {
            out.add(new StagingChange(StagingChange.Kind.WIDENED, wanted.name(), "column " + wanted.name().name() + " widened from " + from + " to " + to));
        } else if (wanted.type().widensTo(have.type())) {
            out.add(new StagingChange(StagingChange.Kind.NARROWED, wanted.name(), "column " + wanted.name().name() + " narrowed from " + from + " to " + to
                    + " (staging keeps " + from + ")"));
        } else {
            out.add(new StagingChange(StagingChange.Kind.RETYPED, wanted.name(), "column " + wanted.name().name() + " changed type from " + from + " to " + to
                    + " (earlier dates converted)"));
        }
    }

    /**
     * Creates the staging table if it does not exist, else applies the changes of {@link #plan}; breaking changes
     * only when {@code allowBreaking}. Returns the changes made.
     *
     * @param what what the caller is doing, for messages: e.g. {@code stage snapshot 2024-01-02 into shop_staging.customers}
     * @param allowFlag the option that allows breaking changes, for the message, e.g. {@code --allow-breaking}
     */
    public static List<StagingChange> evolve(Warehouse warehouse, TableId staging, List<ColumnInfo> wanted, Map<ColumnName, ColumnName> renames,
            ColumnInfo dateColumn, boolean allowBreaking, String what, String allowFlag) {
        Dialect d = warehouse.dialect();
        warehouse.createNamespace(staging.namespace());
        Optional<List<ColumnInfo>> existing = warehouse.columns(staging);
        if (existing.isEmpty()) {
            List<ColumnInfo> all = new ArrayList<>(wanted);
            all.add(dateColumn);
            warehouse.execute(d.createTableIfNotExists(staging, all));
            return List.of();
        }
        List<StagingChange> changes = check(existing, wanted, renames, alreadyRemoved(warehouse, staging, wanted, renames,
                dateColumn.name()), allowBreaking, what, allowFlag, d);
        remember(warehouse, staging, wanted, renames, changes);
        for (StagingChange c : changes) {
            ColumnInfo w = wanted.stream().filter(x -> x.name().equals(c.column())).findFirst().orElse(null);
            switch (c.kind()) {
                case ADDED -> warehouse.execute(d.addColumn(staging, c.column(), w.type()));
                case RENAMED -> warehouse.execute(d.renameColumn(staging, renames.get(c.column()), c.column()));
                case WIDENED -> warehouse.execute(d.alterColumnType(staging, c.column(), w.type()));
                case RETYPED -> {
                    try {
                        warehouse.execute(d.alterColumnType(staging, c.column(), w.type()));
                    } catch (MeshkitException e) {
                        throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot " + what + ": " + c.text().replace(" (earlier dates converted)", "")
                                + ", and values of earlier dates do not convert; keep the old type in the contract, or give the new type a new"
                                + " column name (the old column is then a removed one)", e);
                    }
                }
                case REMOVED, NARROWED -> {
                    // nothing to alter: the column stays as it is
                }
            }
        }
        return changes;
    }

    /**
     * The changes {@link #evolve} would make to the staging table, without making them: a caller checks a snapshot's
     * columns against staging before it reads its source, so that a breaking change stops the run before anything is
     * read or landed. Throws ({@code INVALID_ARGUMENT}, the same words as {@code evolve}) on a breaking change unless
     * {@code allowBreaking}.
     */
    public static List<StagingChange> check(Warehouse warehouse, TableId staging, List<ColumnInfo> wanted, Map<ColumnName, ColumnName> renames,
            ColumnName dateColumn, boolean allowBreaking, String what, String allowFlag) {
        Optional<List<ColumnInfo>> existing = warehouse.columns(staging);
        List<ColumnName> ignored = existing.isEmpty() ? List.of(dateColumn)
                : alreadyRemoved(warehouse, staging, wanted, renames, dateColumn);
        return check(existing, wanted, renames, ignored, allowBreaking, what, allowFlag, warehouse.dialect());
    }

    /**
     * The date column and the columns whose removal was accepted before: columns the snapshot no longer brings that
     * {@link RetainedColumns} records for the staging table. A removal is recorded when it is first staged with
     * {@code --allow-breaking}; it is no change for the dates after, which need no {@code --allow-breaking} again.
     * (Whatever the column holds says nothing about that: a column may be all NULL on the day it is removed.)
     */
    private static List<ColumnName> alreadyRemoved(Warehouse warehouse, TableId staging, List<ColumnInfo> wanted,
            Map<ColumnName, ColumnName> renames, ColumnName dateColumn) {
        List<ColumnName> out = new ArrayList<>(List.of(dateColumn));
        for (ColumnName r : new RetainedColumns(warehouse).of(staging)) {
            if (!RetainedColumns.contains(wantedNames(wanted, renames), r)) {
                out.add(r);
            }
        }
        return out;
    }

    private static List<ColumnName> wantedNames(List<ColumnInfo> wanted, Map<ColumnName, ColumnName> renames) {
        List<ColumnName> out = new ArrayList<>(wanted.stream().map(ColumnInfo::name).toList());
        out.addAll(renames.values());
        return out;
    }

    /**
     * Records the removals just accepted and forgets recorded removals of columns the snapshot brings again (so
     * that removing one again is a new breaking change).
     */
    private static void remember(Warehouse warehouse, TableId staging, List<ColumnInfo> wanted, Map<ColumnName, ColumnName> renames,
            List<StagingChange> changes) {
        RetainedColumns retained = new RetainedColumns(warehouse);
        List<ColumnName> removed = changes.stream().filter(c -> c.kind() == StagingChange.Kind.REMOVED).map(StagingChange::column).toList();
        List<ColumnName> back = retained.of(staging).stream().filter(r -> RetainedColumns.contains(wantedNames(wanted, renames), r)).toList();
        if (removed.isEmpty() && back.isEmpty()) {
            return;
        }
        retained.initialise();
        retained.forget(staging, back).ifPresent(warehouse::execute);
        retained.record(staging, removed, "ingest", Clock.systemUTC().instant()).forEach(warehouse::execute);
    }

    private static List<StagingChange> check(Optional<List<ColumnInfo>> existing, List<ColumnInfo> wanted, Map<ColumnName, ColumnName> renames,
            List<ColumnName> ignored, boolean allowBreaking, String what, String allowFlag, Dialect d) {
        List<StagingChange> changes = plan(existing, wanted, renames, ignored, d);
        List<StagingChange> breaking = changes.stream().filter(c -> c.kind().breaking()).toList();
        if (!breaking.isEmpty() && !allowBreaking) {
            StringBuilder m = new StringBuilder("Cannot " + what + ": its columns changed in a breaking way since earlier dates were staged ("
                    + allowFlag + " goes on: removed columns stay, NULL from this date; narrowed ones keep their type; changed ones are converted):");
            breaking.forEach(c -> m.append("\n  ").append(c.text()));
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, m.toString());
        }
        return changes;
    }

    private static Optional<ColumnInfo> find(List<ColumnInfo> table, ColumnName name) {
        return table.stream().filter(c -> lower(c.name()).equals(lower(name))).findFirst();
    }

    private static String lower(ColumnName c) {
        return c.name().toLowerCase(Locale.ROOT);
    }

    /** The declared renames of a dataset's columns: new warehouse column to old warehouse column. */
    public static Map<ColumnName, ColumnName> renames(io.meshkit.core.contract.Dataset dataset) {
        Map<ColumnName, ColumnName> out = new java.util.LinkedHashMap<>();
        for (io.meshkit.core.contract.Column c : dataset.columns()) {
            c.renamedFrom().ifPresent(old -> out.put(c.columnName(), ColumnName.of(old)));
        }
        return out;
    }

    /** A staged column of a type. */
    public static ColumnInfo column(ColumnName name, DataType type, Dialect dialect) {
        return new ColumnInfo(name, type, dialect.typeName(type), true);
    }
}
