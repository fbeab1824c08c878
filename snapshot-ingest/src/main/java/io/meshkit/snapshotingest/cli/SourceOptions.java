package io.meshkit.snapshotingest.cli;

import io.meshkit.core.contract.Contract;
import io.meshkit.core.contract.ContractReader;
import io.meshkit.core.contract.Dataset;
import io.meshkit.core.contract.DatasetTables;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.identifier.TableId;
import io.meshkit.snapshotingest.api.LockFallback;
import io.meshkit.snapshotingest.api.SnapshotOptions;
import io.meshkit.snapshotingest.api.SnapshotTarget;
import io.meshkit.snapshotingest.internal.MySqlSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options {@code snapshot} and {@code plan} share: where to read, which tables, how to split them. */
final class SourceOptions {
    @Option(names = "--source", required = true, paramLabel = "URL",
            description = "MySQL source, e.g. jdbc:mysql://127.0.0.1:3306/shop?user=meshkit; the password comes from MESHKIT_MYSQL_PASSWORD.")
    String source;

    @Option(names = "--table", paramLabel = "NAME", description = "A MySQL table to snapshot (repeatable); staged as <database>_staging.<table>.")
    List<String> tables = new ArrayList<>();

    @Option(names = "--contract", paramLabel = "FILE", description = "A contract file or directory (repeatable): each dataset's `name` is the MySQL table, "
            + "its properties' `name`s the MySQL columns; staged as <domain>_staging.<table> with the contract's physical names and types.")
    List<Path> contracts = new ArrayList<>();

    @Option(names = "--date", paramLabel = "YYYY-MM-DD|today", description = "Snapshot date (required by snapshot: a date is never "
            + "guessed); 'today' is today's date in UTC.")
    String date;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "2", description = "Worker connections reading chunks in parallel (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--chunk-rows", paramLabel = "N", defaultValue = "250000", description = "Rows per chunk to aim for (default ${DEFAULT-VALUE}).")
    long chunkRows;

    @Option(names = "--lock-wait-timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "How long to wait for the short read lock that synchronises the workers (default ${DEFAULT-VALUE} s).")
    long lockWaitSeconds;

    @Option(names = "--on-lock-timeout", paramLabel = "fail|single", defaultValue = "fail",
            description = "When the lock cannot be had: fail (exit 3, default) or single (read on one connection, one transaction).")
    LockFallback onLockTimeout;

    @Option(names = "--allow-additive", description = "Accept columns added in MySQL that the contract lacks (landed, not staged); other drift still fails.")
    boolean allowAdditive;

    @Option(names = "--source-time-zone", paramLabel = "ZONE", defaultValue = "UTC",
            description = "Time zone of the source's DATETIME values, converted to UTC (default ${DEFAULT-VALUE}); TIMESTAMP is always read in UTC.")
    String sourceZone;

    @Option(names = "--force", description = "Land a snapshot again even if it is complete for this date.")
    boolean force;

    @Option(names = "--allow-breaking", description = "Let the staging table follow breaking column changes (with a new major contract "
            + "version): a removed column stays, NULL from this date; a narrowed one keeps its type; a changed one is converted.")
    boolean allowBreaking;

    MySqlSource source() {
        return MySqlSource.of(source, System.getenv(MySqlSource.PASSWORD_VARIABLE));
    }

    /** The options; {@code dated}: the command labels data with the date, so it must be given. */
    SnapshotOptions options(boolean dated) {
        LocalDate d;
        if (date == null && dated) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot snapshot: give --date YYYY-MM-DD (or --date today for "
                    + LocalDate.now(ZoneOffset.UTC) + " in UTC): the date labels the snapshot and is never guessed");
        }
        try {
            d = date == null || date.equalsIgnoreCase("today") ? LocalDate.now(ZoneOffset.UTC) : LocalDate.parse(date);
        } catch (DateTimeException e) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot use --date " + date + ": expected YYYY-MM-DD or today", e);
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(sourceZone);
        } catch (DateTimeException e) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot use --source-time-zone " + sourceZone + ": unknown time zone", e);
        }
        if (threads < 1 || threads > 64) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot use --threads " + threads + ": expected 1 to 64");
        }
        if (chunkRows < 1000) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot use --chunk-rows " + chunkRows + ": expected at least 1000");
        }
        if (lockWaitSeconds < 1) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot use --lock-wait-timeout " + lockWaitSeconds + ": expected at least 1 second");
        }
        return new SnapshotOptions(d, threads, chunkRows, Duration.ofSeconds(lockWaitSeconds), onLockTimeout, allowAdditive, zone, force,
                allowBreaking);
    }

    /** The tables to snapshot, from --table and --contract; --staging overrides the staging table or namespace. */
    List<SnapshotTarget> targets(MySqlSource source, String staging) {
        if (tables.isEmpty() && contracts.isEmpty()) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot snapshot: name tables with --table or contracts with --contract");
        }
        List<SnapshotTarget> out = new ArrayList<>();
        String database = source.database();
        for (String t : tables) {
            TableId stagingTable = TableId.of(database.toLowerCase(Locale.ROOT).replace('-', '_') + "_staging", t);
            out.add(new SnapshotTarget(database + "." + t, t, Optional.empty(), stagingTable));
        }
        ContractReader reader = ContractReader.create();
        for (Path p : contracts) {
            if (!Files.exists(p)) {
                throw new MeshkitException(ErrorCode.FILE_NOT_FOUND, "Cannot read contract " + p + ": no such file or directory");
            }
            for (Path file : reader.findContracts(p)) {
                Contract c = reader.read(file);
                for (Dataset ds : c.datasets()) {
                    DatasetTables tablesOf = DatasetTables.of(c, ds);
                    out.add(new SnapshotTarget(tablesOf.production().toString(), ds.name(), Optional.of(ds), tablesOf.staging()));
                }
            }
        }
        if (staging != null) {
            for (String part : staging.split("\\.", -1)) {
                io.meshkit.core.identifier.Identifiers.requirePortable("--staging", part);
            }
            if (staging.contains(".")) {
                if (out.size() != 1) {
                    throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot use --staging " + staging
                            + ": a table name fits one source table only; give a namespace (--staging NAMESPACE) for several");
                }
                SnapshotTarget t = out.get(0);
                out.set(0, new SnapshotTarget(t.dataset(), t.sourceTable(), t.contract(), TableId.parse(staging)));
            } else {
                out.replaceAll(t -> new SnapshotTarget(t.dataset(), t.sourceTable(), t.contract(), TableId.of(staging, t.staging().name())));
            }
        }
        return out;
    }
}
