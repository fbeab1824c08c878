package io.meshkit.differ;

import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.Warehouse;

/** Small tables with every column type, NULLs on each side, float noise, PII and (optionally) duplicates. */
final class Fixtures {
    private Fixtures() {}

    static final String COLUMNS = "id BIGINT, qty INTEGER, price DECIMAL(10,2), score DOUBLE, name VARCHAR, email VARCHAR,"
            + " active BOOLEAN, born DATE, seen TIMESTAMP, seen_tz TIMESTAMPTZ, blob BLOB";

    /**
     * {@code s.prod} and {@code s.cand}: 8 production rows; the candidate removes 8, adds 9 and 10, and changes values.
     * The candidate's added column {@code extra} is NULL in every row production has, so no kept key gains a value.
     */
    static void create(Warehouse w, String schema) {
        w.execute(Sql.of("CREATE SCHEMA IF NOT EXISTS " + schema));
        w.execute(Sql.of("CREATE OR REPLACE TABLE " + schema + ".prod (" + COLUMNS + ")"));
        w.execute(Sql.of("CREATE OR REPLACE TABLE " + schema + ".cand (" + COLUMNS + ", extra INTEGER)"));
        w.execute(Sql.of("INSERT INTO " + schema + ".prod VALUES"
                + " (1, 10, 1.50, 0.1, 'Ann', 'ann@example.com', true, DATE '1990-01-01', TIMESTAMP '2024-01-01 10:00:00.123456', TIMESTAMPTZ '2024-01-01 10:00:00+00', '\\x01'::BLOB),"
                + " (2, 20, 2.50, 0.2, 'Bob', 'bob@example.com', false, DATE '1991-02-02', TIMESTAMP '2024-01-02 10:00:00', TIMESTAMPTZ '2024-01-02 10:00:00+00', '\\x02'::BLOB),"
                + " (3, NULL, 3.50, 0.3, 'Cy ', 'cy@example.com', true, NULL, TIMESTAMP '2024-01-03 10:00:00', NULL, NULL),"
                + " (4, 40, NULL, 1.0, NULL, 'dee@example.com', NULL, DATE '1993-04-04', NULL, TIMESTAMPTZ '2024-01-04 10:00:00+00', '\\x04'::BLOB),"
                + " (5, 50, 5.50, 100.0, 'Eve', 'eve@example.com', true, DATE '1994-05-05', TIMESTAMP '2024-01-05 10:00:00', TIMESTAMPTZ '2024-01-05 10:00:00+00', '\\x05'::BLOB),"
                + " (6, 60, 6.50, 0.6, '', 'fay@example.com', false, DATE '1995-06-06', TIMESTAMP '2024-01-06 10:00:00', TIMESTAMPTZ '2024-01-06 10:00:00+00', '\\x06'::BLOB),"
                + " (7, 70, 7.50, 0.7, 'Gus', 'gus@example.com', true, DATE '1996-07-07', TIMESTAMP '2024-01-07 10:00:00', TIMESTAMPTZ '2024-01-07 10:00:00+00', '\\x07'::BLOB),"
                + " (8, 80, 8.50, 0.8, 'Hal', 'hal@example.com', true, DATE '1997-08-08', TIMESTAMP '2024-01-08 10:00:00', TIMESTAMPTZ '2024-01-08 10:00:00+00', '\\x08'::BLOB)"));
        w.execute(Sql.of("INSERT INTO " + schema + ".cand VALUES"
                // 1: float noise in score (within 1e-9), timestamp differs below the millisecond
                + " (1, 10, 1.50, 0.1 + 1e-12, 'Ann', 'ann@example.com', true, DATE '1990-01-01', TIMESTAMP '2024-01-01 10:00:00.123999', TIMESTAMPTZ '2024-01-01 10:00:00+00', '\\x01'::BLOB, NULL),"
                // 2: PII email changed, name case changed
                + " (2, 20, 2.50, 0.2, 'BOB', 'robert@example.com', false, DATE '1991-02-02', TIMESTAMP '2024-01-02 10:00:00', TIMESTAMPTZ '2024-01-02 10:00:00+00', '\\x02'::BLOB, NULL),"
                // 3: NULL on production only becomes a value; trailing space trimmed; NULL timestamptz kept
                + " (3, 30, 3.50, 0.3, 'Cy', 'cy@example.com', true, NULL, TIMESTAMP '2024-01-03 10:00:00', NULL, NULL, NULL),"
                // 4: value becomes NULL on the candidate side; NULL name stays NULL
                + " (4, 40, 4.50, 1.0, NULL, 'dee@example.com', NULL, DATE '1993-04-04', NULL, TIMESTAMPTZ '2024-01-04 10:00:00+00', '\\x04'::BLOB, NULL),"
                // 5: float change beyond tolerance, decimal change, boolean, date, blob changed
                + " (5, 50, 5.51, 100.5, 'Eve', 'eve@example.com', false, DATE '1994-05-06', TIMESTAMP '2024-01-05 10:00:00', TIMESTAMPTZ '2024-01-05 11:00:00+00', '\\x55'::BLOB, NULL),"
                // 6: empty string stays empty (not NULL); unchanged row
                + " (6, 60, 6.50, 0.6, '', 'fay@example.com', false, DATE '1995-06-06', TIMESTAMP '2024-01-06 10:00:00', TIMESTAMPTZ '2024-01-06 10:00:00+00', '\\x06'::BLOB, NULL),"
                // 7: empty string instead of NULL-free 'Gus' -> '' and qty -> NULL
                + " (7, NULL, 7.50, 0.7, '', 'gus@example.com', true, DATE '1996-07-07', TIMESTAMP '2024-01-07 10:00:00', TIMESTAMPTZ '2024-01-07 10:00:00+00', '\\x07'::BLOB, NULL),"
                // 8 removed; 9 and 10 added
                + " (9, 90, 9.50, 0.9, 'Ida', 'ida@example.com', true, DATE '1998-09-09', TIMESTAMP '2024-01-09 10:00:00', TIMESTAMPTZ '2024-01-09 10:00:00+00', '\\x09'::BLOB, 1),"
                + " (10, 100, 10.50, 1.1, 'Jo', 'jo@example.com', false, DATE '1999-10-10', TIMESTAMP '2024-01-10 10:00:00', TIMESTAMPTZ '2024-01-10 10:00:00+00', '\\x0A'::BLOB, 1)"));
    }
}
