package io.meshkit.core.progress;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshkit.core.progress.ProgressReporter.Style;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressReporterTest {
    @Test
    void linesSayThePhaseTheCountOfTheTotalTheRateAndTheEta() {
        StringWriter s = new StringWriter();
        Progress p = ProgressReporter.start("ingest", new PrintWriter(s, true), Style.LINES);
        p.phase("reading", 2_000_000, "rows");
        p.done().set(500_000);
        String line = ((ProgressReporter) p).line(false);
        assertThat(line).matches("ingest: reading 500,000 of 2,000,000 rows \\(25%\\), [0-9,]+ rows/s, ETA [0-9.]+ s, [0-9.]+ s elapsed");
        p.phase("staging", 1, "tables");
        p.done().set(1);
        assertThat(((ProgressReporter) p).line(true)).as("no rate of one table")
                .matches("ingest: staging finished, 1 of 1 table, [0-9.]+ s");
        p.done().set(0);
        p.close();
        assertThat(s.toString().lines().toList()).hasSize(5).satisfies(l -> {
            assertThat(l.get(0)).isEqualTo("ingest: reading (2,000,000 rows estimated)");
            assertThat(l.get(1)).startsWith("ingest: reading finished, 500,000 of 2,000,000 rows, ");
            assertThat(l.get(2)).isEqualTo("ingest: staging (1 table estimated)");
            assertThat(l.get(3)).startsWith("ingest: staging finished, 0 of 1 table");
            assertThat(l.get(4)).startsWith("ingest: done in ");
        });
    }

    @Test
    void theBarShowsDoneOfTotalPercentAndNeverClaimsAHundredBeforeTheEnd() {
        StringWriter s = new StringWriter();
        ProgressReporter p = (ProgressReporter) ProgressReporter.start("ingest", new PrintWriter(s, true), Style.BAR);
        p.phase("reading", 1_000, "rows");
        p.done().set(250);
        assertThat(p.bar()).matches("ingest reading  \\[█{6}░{18}\\]  250/1,000 rows  25%  [0-9,]+ rows/s  ETA [0-9]+:[0-9]{2}  [0-9]+:[0-9]{2}");
        p.done().set(1_200);   // the total was an estimate
        assertThat(p.bar()).contains("1,200/1,000 rows  99%").doesNotContain("ETA");
        p.close();
        assertThat(s.toString()).doesNotContain("\n").endsWith("\r");
    }

    /** An error run never says finished or done: the error line the command prints comes next. */
    @Test
    void workThatThrowsSaysFailedNotFinished() {
        StringWriter s = new StringWriter();
        Progress p = ProgressReporter.start("publish validate", new PrintWriter(s, true), Style.LINES);
        RuntimeException thrown = new IllegalStateException("Cannot validate table x.y: it does not exist");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> p.run(shown -> {
            shown.phase("validating music.tracks", Progress.UNKNOWN, "steps");
            throw thrown;
        })).isSameAs(thrown);
        assertThat(s.toString().lines().toList()).hasSize(2).satisfies(l -> {
            assertThat(l.get(0)).isEqualTo("publish validate: validating music.tracks");
            assertThat(l.get(1)).matches("publish validate: validating music.tracks failed after [0-9.]+ s");
        });
        StringWriter ok = new StringWriter();
        Integer result = ProgressReporter.start("scd apply", new PrintWriter(ok, true), Style.LINES).run(shown -> {
            shown.phase("applying", 1, "snapshots");
            return 7;
        });
        assertThat(result).isEqualTo(7);
        assertThat(ok.toString()).contains("scd apply: applying finished, 0 of 1 snapshot").contains("scd apply: done in ");
    }

    /** A phase that counts nothing says its name and its time, never "0 steps". */
    @Test
    void aPhaseThatCountsNothingSaysItsTimeOnly() {
        StringWriter s = new StringWriter();
        ProgressReporter p = (ProgressReporter) ProgressReporter.start("publish stage", new PrintWriter(s, true), Style.LINES);
        p.phase("staging music.tracks");
        assertThat(p.line(false)).matches("publish stage: staging music.tracks, [0-9.]+ s elapsed");
        assertThat(p.bar()).matches("publish stage staging music.tracks  0:[0-9]{2}");
        p.close();
        assertThat(s.toString().lines().toList()).hasSize(3).satisfies(l -> {
            assertThat(l.get(0)).isEqualTo("publish stage: staging music.tracks");
            assertThat(l.get(1)).matches("publish stage: staging music.tracks finished in [0-9.]+ s");
            assertThat(l.get(2)).matches("publish stage: done in [0-9.]+ s");
        });
    }

    @Test
    void offShowsNothing() {
        StringWriter s = new StringWriter();
        try (Progress p = ProgressReporter.start("ingest", new PrintWriter(s, true), Style.OFF)) {
            p.phase("reading", 10, "rows");
            p.done().addAndGet(10);
        }
        assertThat(s.toString()).isEmpty();
    }
}
