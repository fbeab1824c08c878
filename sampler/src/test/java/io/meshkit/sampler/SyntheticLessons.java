package io.meshkit.sampler;

import io.meshkit.core.identifier.TableId;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.Warehouse;

/**
 * A synthetic lessons table generated inside DuckDB, set-based: users with a Zipf-like number of
 * lessons each (a few heavy learners, many light ones), dates over {@code days} days, and country,
 * platform and course. Deterministic for a seed: every pseudo-random number is a hash of the row's
 * coordinates and the seed, so a thread schedule cannot change the data.
 */
final class SyntheticLessons {
    private SyntheticLessons() {}

    /**
     * Creates {@code table} (replacing it) with {@code users} users per universe, ids
     * {@code universe * 10_000_000 + i}, so each universe hashes to its own sample.
     *
     * @param maxLessons the cap of lessons per user (the Zipf tail)
     */
    static void create(Warehouse w, TableId table, int universes, long users, long seed, int days, int maxLessons) {
        create(w, table, universes, users, seed, days, maxLessons, 1.1);
    }

    /** As above, with the tail exponent: P(lessons >= k) ~ k^-tail. */
    static void create(Warehouse w, TableId table, int universes, long users, long seed, int days, int maxLessons, double tail) {
        create(w, table, universes, users, seed, days, maxLessons, tail, 1.0);
    }

    /** As above, lessons = floor(scale * r^(-1/tail)) capped: scale sets the mean (scale * tail / (tail - 1), less about a half). */
    static void create(Warehouse w, TableId table, int universes, long users, long seed, int days, int maxLessons, double tail, double scale) {
        w.createNamespace(table.namespace());
        String t = w.dialect().quote(table);
        // r in (0, 1] from a hash; lessons = floor(r^(-1/tail)) capped: P(n >= k) ~ k^-tail
        String sql = "CREATE OR REPLACE TABLE " + t + " AS "
                + "WITH u AS (SELECT un.range AS universe, un.range * 10000000 + i.range AS user_id,"
                + "   (hash(un.range * 10000000 + i.range, " + seed + ") % 1000000 + 1) / 1000000.0 AS r,"
                + "   hash(un.range * 10000000 + i.range, " + seed + ", 7) AS h"
                + "  FROM range(" + universes + ") un, range(" + users + ") i),"
                + " n AS (SELECT universe, user_id, h, least(" + maxLessons + ", CAST(floor(" + scale + " * pow(r, -1 / " + tail + ")) AS BIGINT)) AS lessons FROM u)"
                + " SELECT CAST(universe AS INTEGER) AS universe, user_id,"
                + "   DATE '2024-01-01' + CAST((hash(user_id, k, " + seed + ", 1) % " + days + ") AS INTEGER) AS lesson_date,"
                + "   ['US','BR','MX','DE','FR','JP','IN','GB','ES','IT'][1 + CAST(h % 10 AS INTEGER)] AS country,"
                + "   ['ios','android','web'][1 + CAST((h // 10) % 3 AS INTEGER)] AS platform,"
                + "   ['es','fr','de','ja','en'][1 + CAST(hash(user_id, k, " + seed + ", 2) % 5 AS INTEGER)] AS course,"
                + "   CAST(10 + hash(user_id, k, " + seed + ", 3) % 21 AS INTEGER) AS xp,"
                + "   CAST(60 + hash(user_id, k, " + seed + ", 4) % 600 AS INTEGER) AS duration_s,"
                + "   CAST(hash(user_id, k, " + seed + ", 5) % 16 AS INTEGER) AS correct,"
                + "   CAST(hash(user_id, k, " + seed + ", 6) % 5 AS INTEGER) AS mistakes,"
                + "   CAST(hash(user_id, k, " + seed + ", 8) % 3 AS INTEGER) AS hearts_lost,"
                + "   CAST(hash(user_id, k, " + seed + ", 9) % 10 < 8 AS INTEGER) AS completed"
                + " FROM (SELECT universe, user_id, h, unnest(range(lessons)) AS k FROM n)";
        w.execute(Sql.of(sql));
    }
}
