package io.meshkit.publisher;

import static io.meshkit.publisher.Fixtures.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshkit.core.runlog.LeaseHeldException;
import io.meshkit.core.runlog.WarehouseRunLog;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Row;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.publisher.api.Mode;
import io.meshkit.publisher.api.PublishListener;
import io.meshkit.publisher.api.PublishOutcome;
import io.meshkit.publisher.api.PublishResult;
import io.meshkit.publisher.api.PublishTarget;
import io.meshkit.publisher.internal.DefaultPublisher;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readers during promotions and rollbacks, and two publishes of one dataset at once. */
class ConcurrencyIT {
    @TempDir
    Path dir;

    private final PublishTarget target = Fixtures.target();

    /**
     * 20 promotions and rollbacks while a reader thread (its own connection) queries production in
     * a loop: every read must be exactly one of the published versions (row count and sum together),
     * never an error, an empty table or a mix.
     */
    @Test
    void aReaderSeesTheOldVersionOrTheNewOneNeverAnythingElse() throws Exception {
        try (Warehouse w = Fixtures.open(dir.resolve("w.duckdb"))) {
            DefaultPublisher publisher = Fixtures.publisher(w);
            Map<Long, Long> sumByCount = new ConcurrentHashMap<>(); // each version: rows -> sum(amount)
            publish(publisher, sumByCount, 1);

            AtomicBoolean stop = new AtomicBoolean();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicLong reads = new AtomicLong();
            List<String> wrong = java.util.Collections.synchronizedList(new ArrayList<>());
            Thread reader = new Thread(() -> {
                while (!stop.get()) {
                    try (ResultRows rs = w.query(Sql.of("SELECT count(*) AS n, CAST(sum(amount) AS BIGINT) AS s FROM shop.events"))) {
                        Row r = rs.iterator().next();
                        long n = r.getLong("n");
                        Long s = r.getLong("s");
                        Long expected = sumByCount.get(n);
                        if (n == 0 || expected == null || !expected.equals(s)) {
                            wrong.add(n + " rows, sum " + s);
                        }
                        reads.incrementAndGet();
                    } catch (Throwable t) {
                        failure.compareAndSet(null, t);
                    }
                }
            }, "reader");
            reader.start();

            int changes = 0;
            for (int gen = 2; changes < 20; gen++) {
                publish(publisher, sumByCount, gen);
                changes++;
                if (gen % 3 == 0 && changes < 20) {
                    PublishResult back = publisher.rollback(target, OptionalLong.empty(), Fixtures.policy(), Mode.RUN);
                    assertThat(back.outcome()).isEqualTo(PublishOutcome.PROMOTED);
                    changes++;
                }
            }
            Thread.sleep(50);
            stop.set(true);
            reader.join(10_000);

            assertThat(failure.get()).as("reader error").isNull();
            assertThat(wrong).as("reads that belong to no version").isEmpty();
            assertThat(reads.get()).as("reads done").isGreaterThan(20);
        }
    }

    /** Versions differ in rows (100 + gen) and in sum (gen * sum(0..n-1)). */
    private void publish(DefaultPublisher publisher, Map<Long, Long> sumByCount, int gen) {
        long n = 100 + gen;
        sumByCount.put(n, gen * n * (n - 1) / 2);
        PublishResult r = publisher.backfill(target, rows(n, gen), Fixtures.policy(), Mode.RUN);
        assertThat(r.outcome()).isEqualTo(PublishOutcome.PROMOTED);
    }

    /** Two publishes of one dataset at once: the first holds the lease while the second tries; one wins. */
    @Test
    void twoConcurrentPublishesOneWinsTheOtherGetsTheLeaseError() throws Exception {
        try (Warehouse w = Fixtures.open(dir.resolve("w.duckdb"))) {
            Fixtures.publisher(w).backfill(target, rows(10, 1), Fixtures.policy(), Mode.RUN);
            CountDownLatch firstHoldsLease = new CountDownLatch(1);
            CountDownLatch secondDone = new CountDownLatch(1);
            PublishListener pauseWhileLeased = (dataset, phase) -> {
                if (phase == PublishListener.Phase.LEASED) {
                    firstHoldsLease.countDown();
                    await(secondDone);
                }
            };
            DefaultPublisher first = new DefaultPublisher(w, WarehouseRunLog.of(w), Clock.systemUTC(), pauseWhileLeased);
            DefaultPublisher second = Fixtures.publisher(w);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<PublishResult> a = pool.submit(() -> first.backfill(target, rows(20, 2), Fixtures.policy().withActor("first"), Mode.RUN));
                assertThat(firstHoldsLease.await(30, TimeUnit.SECONDS)).isTrue();
                Future<PublishResult> b = pool.submit(() -> {
                    try {
                        return second.backfill(target, rows(30, 3), Fixtures.policy().withActor("second"), Mode.RUN);
                    } finally {
                        secondDone.countDown();
                    }
                });
                assertThat(b).failsWithin(30, TimeUnit.SECONDS).withThrowableThat().havingCause()
                        .isInstanceOf(LeaseHeldException.class).withMessageContaining("held by publish by first (pid ");
                assertThat(a.get(30, TimeUnit.SECONDS).outcome()).isEqualTo(PublishOutcome.PROMOTED);
            } finally {
                pool.shutdownNow();
            }
            assertThat(Fixtures.scalar(w, "SELECT count(*) FROM shop.events")).isEqualTo(20);
            assertThat(Fixtures.publisher(w).history(target)).hasSize(2);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
