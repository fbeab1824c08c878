package io.meshkit.warehousepostgres.internal;

import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.type.DataType;
import io.meshkit.core.warehouse.ColumnInfo;
import io.meshkit.core.warehouse.SupportsScanEstimate;
import io.meshkit.core.warehouse.TableInfo;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Bytes a range scan reads, from PostgreSQL's catalog only: the share of rows below the bound from
 * the planner's statistics of the range column ({@code pg_stats}: the histogram, the most common
 * values and the NULL fraction), or, before the table has been analysed, the bound itself for a
 * floating-point column (the sampling value lies in [0, 1)) and every row for any other; the
 * string widths from {@code pg_stats.avg_width}, or else from the heap's size on disk
 * ({@code pg_relation_size}) less the fixed-width columns. Counted in logical bytes
 * ({@link SupportsScanEstimate#logicalBytes}).
 */
final class ScanEstimate {
    /** A heap tuple's header and line pointer, which no column's logical bytes include. */
    private static final int TUPLE_OVERHEAD = 28;

    private ScanEstimate() {}

    static OptionalLong bytes(Connection c, TableInfo table, Set<ColumnName> columns, ColumnName rangeColumn, double below)
            throws SQLException {
        Map<String, ColumnInfo> byName = new HashMap<>();
        table.columns().forEach(col -> byName.put(col.name().name().toLowerCase(Locale.ROOT), col));
        ColumnInfo range = byName.get(rangeColumn.name().toLowerCase(Locale.ROOT));
        if (range == null) {
            return OptionalLong.empty();
        }
        long heapBytes;
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_relation_size(c.oid) FROM pg_class c JOIN pg_namespace n"
                + " ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'm', 'p')")) {
            ps.setString(1, table.id().namespace().name());
            ps.setString(2, table.id().name());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return OptionalLong.empty(); // a view: no heap of its own to estimate
                }
                heapBytes = rs.getLong(1);
            }
        }
        Map<String, Stats> stats = stats(c, table);
        double share = share(stats.get(range.name().name()), range.type(), below);
        long rows = Math.round(table.rowCount() * share);

        long fixedWidth = 0;
        int strings = 0;
        for (ColumnInfo col : table.columns()) {
            if (isString(col.type())) {
                strings++;
            } else {
                fixedWidth += SupportsScanEstimate.logicalBytes(col.type(), 1, 0);
            }
        }
        // without statistics, the strings share what the heap holds beyond the fixed-width columns
        double unknownWidth = strings == 0 || table.rowCount() == 0 ? 0
                : Math.max(0, (double) heapBytes / table.rowCount() - TUPLE_OVERHEAD - fixedWidth) / strings;
        long bytes = 0;
        for (ColumnName wanted : columns) {
            ColumnInfo col = byName.get(wanted.name().toLowerCase(Locale.ROOT));
            if (col == null) {
                continue;
            }
            Stats s = stats.get(col.name().name());
            double width = !isString(col.type()) ? 0 : s != null ? Math.max(0, s.avgWidth() - 1) * (1 - s.nullFraction()) : unknownWidth;
            bytes += SupportsScanEstimate.logicalBytes(col.type(), rows, Math.round(rows * width));
        }
        return OptionalLong.of(bytes);
    }

    private static boolean isString(DataType type) {
        return SupportsScanEstimate.logicalBytes(type, 1, 1) == 3;
    }

    /** The share of rows whose range column is below the bound. */
    static double share(Stats s, DataType type, double below) {
        if (s == null || (s.histogram().isEmpty() && s.commonShare(below).isEmpty())) {
            boolean floating = type.kind() == DataType.Kind.DOUBLE || type.kind() == DataType.Kind.REAL;
            return floating ? Math.min(1, Math.max(0, below)) : 1;
        }
        double common = s.commonShare(below).orElse(0);
        double rest = 1 - s.nullFraction() - s.commonFrequency();
        double[] h = s.histogram().orElse(null);
        double histogramShare = h == null ? 0 : histogramShare(h, below);
        return Math.min(1, Math.max(0, common + rest * histogramShare));
    }

    /** The share of an equi-depth histogram's values below the bound, linear inside a bucket. */
    static double histogramShare(double[] bounds, double below) {
        int buckets = bounds.length - 1;
        if (buckets < 1 || below <= bounds[0]) {
            return 0;
        }
        if (below > bounds[buckets]) {
            return 1;
        }
        for (int i = 0; i < buckets; i++) {
            if (below <= bounds[i + 1]) {
                double width = bounds[i + 1] - bounds[i];
                return (i + (width <= 0 ? 1 : (below - bounds[i]) / width)) / buckets;
            }
        }
        return 1;
    }

    /** A column's planner statistics: NULL fraction, average stored width, most common values with their frequencies, histogram. */
    record Stats(double nullFraction, double avgWidth, double[] commonValues, double[] commonFrequencies, java.util.Optional<double[]> histogram) {
        double commonFrequency() {
            double f = 0;
            for (double x : commonFrequencies) {
                f += x;
            }
            return f;
        }

        OptionalDouble commonShare(double below) {
            if (commonValues.length == 0) {
                return OptionalDouble.empty();
            }
            double f = 0;
            for (int i = 0; i < commonValues.length; i++) {
                if (commonValues[i] < below) {
                    f += commonFrequencies[i];
                }
            }
            return OptionalDouble.of(f);
        }
    }

    /** Every column's statistics; the value lists only where they read as numbers. */
    private static Map<String, Stats> stats(Connection c, TableInfo table) throws SQLException {
        Map<String, Stats> stats = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT attname, null_frac, avg_width, CAST(most_common_vals AS text),"
                + " most_common_freqs, CAST(histogram_bounds AS text) FROM pg_stats WHERE schemaname = ? AND tablename = ?"
                + " ORDER BY inherited")) {
            ps.setString(1, table.id().namespace().name());
            ps.setString(2, table.id().name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    double[] values = numbers(rs.getString(4));
                    double[] frequencies = numbers(rs.getArray(5));
                    if (values == null || frequencies == null || values.length != frequencies.length) {
                        values = new double[0];
                        frequencies = new double[0];
                    }
                    stats.putIfAbsent(rs.getString(1), new Stats(rs.getDouble(2), rs.getDouble(3), values, frequencies,
                            java.util.Optional.ofNullable(numbers(rs.getString(6)))));
                }
            }
        }
        return stats;
    }

    /** The numbers of an array's text ({@code {0.1,0.2}}), or null when it is absent or not all numbers. */
    private static double[] numbers(String arrayText) {
        if (arrayText == null || arrayText.length() < 2) {
            return null;
        }
        String inner = arrayText.substring(1, arrayText.length() - 1);
        if (inner.isEmpty()) {
            return new double[0];
        }
        String[] parts = inner.split(",");
        double[] out = new double[parts.length];
        try {
            for (int i = 0; i < parts.length; i++) {
                out[i] = Double.parseDouble(parts[i]);
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return out;
    }

    private static double[] numbers(Array array) throws SQLException {
        if (array == null) {
            return null;
        }
        Object[] values = (Object[]) array.getArray();
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = ((Number) values[i]).doubleValue();
        }
        return out;
    }
}
