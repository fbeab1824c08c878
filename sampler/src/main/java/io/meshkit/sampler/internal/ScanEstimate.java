package io.meshkit.sampler.internal;

import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.warehouse.SupportsScanEstimate;
import io.meshkit.core.warehouse.TableInfo;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.sampler.api.Rate;
import io.meshkit.sampler.api.SamplingLayout;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Bytes a sampled query scans, for warehouses that do not report it: the rows with a sampling value
 * below the rate, estimated by the warehouse ({@link SupportsScanEstimate}) from its own metadata.
 */
final class ScanEstimate {
    private ScanEstimate() {}

    /** The estimate, or empty when the warehouse cannot estimate scans. */
    static OptionalLong bytes(Warehouse warehouse, TableInfo table, Set<ColumnName> columns, Rate rate) {
        if (!(warehouse instanceof SupportsScanEstimate estimate)) {
            return OptionalLong.empty();
        }
        // at 100% every row group is read: a bound above every sampling value; a bucketed table is clustered by its bucket
        if (SampleFilter.bucketed(table)) {
            return estimate.estimateScanBytes(table, columns, SampleFilter.SAMPLING_BUCKET,
                    rate.isFull() ? 0x1.0p54 : (double) SampleFilter.bucketBound(rate));
        }
        return estimate.estimateScanBytes(table, columns, SamplingLayout.SAMPLING_VALUE, rate.isFull() ? 2.0 : rate.fraction());
    }
}
