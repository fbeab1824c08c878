package io.meshkit.snapshotingest.cli;

import io.meshkit.core.contract.Contract;
import io.meshkit.core.contract.ContractReader;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.secret.Secrets;
import io.meshkit.snapshotingest.api.LockFallback;
import io.meshkit.snapshotingest.api.SnapshotOptions;
import io.meshkit.snapshotingest.api.SnapshotRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
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

    /** The help of {@code --allow-breaking}, which snapshot and files share. */
    static final String ALLOW_BREAKING = "Let the staging table follow breaking column changes (with a new major contract "
            + "version): a removed column stays, NULL from this date; a narrowed one keeps its type; a changed one is converted.";

    @Option(names = "--allow-breaking", description = ALLOW_BREAKING)
    boolean allowBreaking;

    /** The request: the options parsed (the date, the time zone, the contracts read); the request checks the rest. */
    SnapshotRequest request(String staging, boolean dated) {
        LocalDate d = date == null ? (dated ? null : LocalDate.now(ZoneOffset.UTC)) : date(date);
        ZoneId zone;
        try {
            zone = ZoneId.of(sourceZone);
        } catch (DateTimeException e) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot use --source-time-zone " + sourceZone + ": unknown time zone", e);
        }
        SnapshotOptions options = new SnapshotOptions(d, threads, chunkRows, Duration.ofSeconds(lockWaitSeconds), onLockTimeout, allowAdditive,
                zone, force, allowBreaking);
        return new SnapshotRequest(source, Optional.ofNullable(System.getenv(Secrets.MYSQL_PASSWORD_VARIABLE)), tables, contracts(contracts),
                Optional.ofNullable(staging), options);
    }

    /** The date of {@code --date}: YYYY-MM-DD, or today in UTC. */
    static LocalDate date(String text) {
        try {
            return text.equalsIgnoreCase("today") ? LocalDate.now(ZoneOffset.UTC) : LocalDate.parse(text);
        } catch (DateTimeException e) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot use --date " + text + ": expected YYYY-MM-DD or today", e);
        }
    }

    /** The contracts of files and directories, read. */
    static List<Contract> contracts(List<Path> paths) {
        List<Contract> out = new ArrayList<>();
        ContractReader reader = ContractReader.create();
        for (Path p : paths) {
            if (!Files.exists(p)) {
                throw new MeshkitException(ErrorCode.FILE_NOT_FOUND, "Cannot read contract " + p + ": no such file or directory");
            }
            for (Path file : reader.findContracts(p)) {
                out.add(reader.read(file));
            }
        }
        return out;
    }
}
