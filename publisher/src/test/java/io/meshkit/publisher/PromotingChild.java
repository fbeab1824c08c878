package io.meshkit.publisher;

import io.meshkit.core.runlog.LeaseHeldException;
import io.meshkit.core.runlog.Publication;
import io.meshkit.core.runlog.WarehouseRunLog;
import io.meshkit.core.warehouse.SupportsPromotion;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.publisher.api.Mode;
import io.meshkit.publisher.api.PublishPolicy;
import io.meshkit.publisher.api.PublishResult;
import io.meshkit.publisher.api.PublishTarget;
import io.meshkit.publisher.internal.DefaultPublisher;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The process {@link CrashIT} kills. On start it reports the state it finds (before writing
 * anything), reruns the publish that may have been interrupted until it completes (the
 * convergence), prints {@code ready}, then publishes versions A and B alternately until killed.
 *
 * <p>Output lines: {@code state ROWS SUM SERVED_VERSION LOGGED_VERSION LOGGED_ROWS},
 * {@code converged VERSION ROWS SUM}, {@code ready}.
 */
public final class PromotingChild {
    static final long ROWS_A = 2_000;
    static final long ROWS_B = 2_500;
    static final Duration LEASE_TTL = Duration.ofMillis(400);

    private PromotingChild() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        PublishTarget target = Fixtures.target();
        PublishPolicy policy = PublishPolicy.defaults("crash-child").withLeaseTtl(LEASE_TTL);
        try (Warehouse w = Fixtures.open(file)) {
            DefaultPublisher publisher = Fixtures.publisher(w);
            System.out.println("state " + state(w, target));
            System.out.flush();
            long gen = 2; // the rerun: publish B, as the killed process may have been doing
            PublishResult converged = publishWaitingForLease(w, publisher, target, policy, gen);
            System.out.println("converged " + converged.version().getAsLong() + " " + Fixtures.scalar(w, "SELECT count(*) FROM shop.events")
                    + " " + Fixtures.scalar(w, "SELECT CAST(sum(amount) AS BIGINT) FROM shop.events"));
            System.out.println("ready");
            System.out.flush();
            while (true) {
                gen = gen == 1 ? 2 : 1;
                publishWaitingForLease(w, publisher, target, policy, gen);
            }
        }
    }

    static long rows(long gen) {
        return gen == 1 ? ROWS_A : ROWS_B;
    }

    static long sum(long gen) {
        long n = rows(gen);
        return gen * n * (n - 1) / 2;
    }

    private static PublishResult publishWaitingForLease(Warehouse w, DefaultPublisher publisher, PublishTarget target, PublishPolicy policy,
            long gen) throws InterruptedException {
        while (true) {
            try {
                return publisher.backfill(target, Fixtures.rows(rows(gen), gen), policy, Mode.RUN);
            } catch (LeaseHeldException e) {
                // left by the killed process: it expires
                long wait = Duration.between(Instant.now(), e.current().expiresAt()).toMillis();
                Thread.sleep(Math.max(10, Math.min(wait + 5, LEASE_TTL.toMillis())));
            }
        }
    }

    /** What production serves and what the run log says, read before any write. */
    static String state(Warehouse w, PublishTarget target) {
        long rows = Fixtures.scalar(w, "SELECT count(*) FROM shop.events");
        long sum = Fixtures.scalar(w, "SELECT CAST(sum(amount) AS BIGINT) FROM shop.events");
        String served = ((SupportsPromotion) w).servedRelease(target.production()).map(t -> t.name()).orElse("none");
        List<Publication> pubs = WarehouseRunLog.of(w).publications(target.datasetId(), 1);
        return rows + " " + sum + " " + served.substring(served.lastIndexOf('v') + 1) + " " + pubs.get(0).version() + " " + pubs.get(0).rows();
    }
}
