package io.meshkit.snapshotingest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshkit.snapshotingest.api.LockFallback;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class IngestCliTest {
    @Test
    void parsesTheSnapshotOptions() {
        CommandLine cmd = IngestCli.commandLine();
        CommandLine.ParseResult r = cmd.parseArgs("snapshot", "--source", "jdbc:mysql://h/db?user=u", "--table", "a", "--table", "b",
                "--threads", "4", "--on-lock-timeout", "single", "--date", "2026-11-23", "--format", "json");
        SnapshotCommand s = (SnapshotCommand) r.subcommand().commandSpec().userObject();
        assertThat(s.sourceOptions.tables).containsExactly("a", "b");
        assertThat(s.sourceOptions.threads).isEqualTo(4);
        assertThat(s.sourceOptions.onLockTimeout).isEqualTo(LockFallback.SINGLE);
        assertThat(s.sourceOptions.lockWaitSeconds).isEqualTo(10);
        assertThat(s.landing).isEqualTo(".meshkit/landing");
    }

    @Test
    void badDateIsOneLineAndExitTwo() {
        CommandLine cmd = IngestCli.commandLine();
        StringWriter err = new StringWriter();
        cmd.setErr(new PrintWriter(err));
        int code = cmd.execute("plan", "--source", "jdbc:mysql://h/db?user=u", "--table", "a", "--date", "2026-13-01");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("error: Cannot use --date 2026-13-01: expected YYYY-MM-DD or today" + System.lineSeparator());
    }

    @Test
    void aSnapshotNeedsItsDate() {
        CommandLine cmd = IngestCli.commandLine();
        StringWriter err = new StringWriter();
        cmd.setErr(new PrintWriter(err));
        int code = cmd.execute("snapshot", "--source", "jdbc:mysql://h/db?user=u", "--table", "a");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).startsWith("error: Cannot snapshot: give --date YYYY-MM-DD (or --date today for ")
                .endsWith(" in UTC): the date labels the snapshot and is never guessed" + System.lineSeparator());
    }

    @Test
    void aSnapshotIsNotLabelledWithAFutureDate() {
        CommandLine cmd = IngestCli.commandLine();
        StringWriter err = new StringWriter();
        cmd.setErr(new PrintWriter(err));
        LocalDate utc = LocalDate.now(ZoneOffset.UTC);
        LocalDate future = utc.plusDays(2);
        int code = cmd.execute("snapshot", "--source", "jdbc:mysql://h/db?user=u", "--table", "a", "--date", future.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).startsWith("error: Cannot snapshot with --date " + future + ": a live snapshot holds today's rows, and today is "
                + utc + " in UTC, at most ").endsWith(" in any time zone" + System.lineSeparator());
        assertThat(err.toString().lines()).hasSize(1);
    }

    @Test
    void needsTablesOrContracts() {
        CommandLine cmd = IngestCli.commandLine();
        StringWriter err = new StringWriter();
        cmd.setErr(new PrintWriter(err));
        assertThat(cmd.execute("plan", "--source", "jdbc:mysql://h/db?user=u")).isEqualTo(2);
        assertThat(err.toString()).startsWith("error: Cannot snapshot: name tables with --table or contracts with --contract");
    }
}
