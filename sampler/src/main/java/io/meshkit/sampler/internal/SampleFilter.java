package io.meshkit.sampler.internal;

import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.type.DataType;
import io.meshkit.core.warehouse.Dialect;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.SqlBuilder;
import io.meshkit.core.warehouse.TableInfo;
import io.meshkit.sampler.api.Rate;
import io.meshkit.sampler.api.SamplingLayout;

/**
 * The predicate that reads a rate's sample of a prepared table, and the clustering column where the
 * warehouse cannot cluster by the sampling value itself.
 *
 * <p>The sampling value is an integer of 53 bits over 2^53 ({@code SamplingValue}), so
 * {@code sampling_bucket = sampling_value · 2^53} is that integer exactly: an INT64 of the same
 * order. Where the warehouse cannot cluster by a DOUBLE ({@link Dialect#clusters} says so), {@code prepare}
 * adds {@code sampling_bucket} and clusters by it, and a sample reads {@code sampling_value < r AND
 * sampling_bucket < ceil(r · 2^53)} (the same rows: multiplying by 2^53 is exact), whose second half
 * prunes the clustered blocks.
 */
final class SampleFilter {
    /** The INT64 clustering column of a table prepared on a warehouse that cannot cluster by a DOUBLE. */
    static final ColumnName SAMPLING_BUCKET = ColumnName.of("sampling_bucket");

    private static final double TWO_POW_53 = 0x1.0p53;

    private SampleFilter() {}

    /** Whether the warehouse clusters prepared tables by {@link #SAMPLING_BUCKET} rather than by the sampling value. */
    static boolean needsBucket(Dialect dialect) {
        return !dialect.clusters(DataType.DOUBLE);
    }

    /** Whether a prepared table carries {@link #SAMPLING_BUCKET}. */
    static boolean bucketed(TableInfo table) {
        return table.column(SAMPLING_BUCKET).isPresent();
    }

    /** {@code sampling_bucket} of a sampling value: the 53-bit integer it is made of. */
    static Sql bucket(Dialect dialect, Sql samplingValue) {
        return dialect.sql().sql("CAST(").append(samplingValue).sql(" * ").literal(TWO_POW_53).sql(" AS ").type(DataType.BIGINT).sql(")").build();
    }

    /** The smallest bucket outside the sample of a rate: {@code sampling_value < r} exactly when {@code sampling_bucket < bound}. */
    static long bucketBound(Rate rate) {
        return (long) Math.ceil(rate.fraction() * TWO_POW_53);
    }

    /** Appends {@code sampling_value < ?} (and {@code AND sampling_bucket < ?} on a bucketed table) with the rate bound. */
    static SqlBuilder append(SqlBuilder b, boolean bucketed, Rate rate) {
        b.id(SamplingLayout.SAMPLING_VALUE).sql(" < ").bind(rate.fraction());
        if (bucketed) {
            b.sql(" AND ").id(SAMPLING_BUCKET).sql(" < ").bind(bucketBound(rate));
        }
        return b;
    }
}
