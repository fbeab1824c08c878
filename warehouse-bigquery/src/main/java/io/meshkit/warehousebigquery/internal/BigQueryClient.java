package io.meshkit.warehousebigquery.internal;

import com.google.cloud.bigquery.CopyJobConfiguration;
import com.google.cloud.bigquery.DatasetId;
import com.google.cloud.bigquery.DatasetInfo;
import com.google.cloud.bigquery.FieldValueList;
import com.google.cloud.bigquery.LoadJobConfiguration;
import com.google.cloud.bigquery.QueryJobConfiguration;
import com.google.cloud.bigquery.Schema;
import com.google.cloud.bigquery.TableId;
import com.google.cloud.bigquery.TableInfo;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The few BigQuery calls the warehouse makes, as a narrow seam (as Apache Iceberg's BigQuery catalog
 * keeps its client behind one): {@link BigQueryApiClient} over the real service, and a fake of it in
 * the tests. Every call throws {@link com.google.cloud.bigquery.BigQueryException} on failure; a job
 * that ends with an error throws too.
 */
interface BigQueryClient extends AutoCloseable {
    /** Runs a query job (any statement) to completion; its rows stream page by page. */
    QueryResult query(QueryJobConfiguration config);

    /** Validates a query without running it: the bytes it would process and its result schema. */
    DryRun dryRun(QueryJobConfiguration config);

    /** The table or view, or empty. */
    Optional<TableInfo> getTable(TableId table);

    /** The tables and views of a dataset; empty if it does not exist. */
    List<TableId> listTables(DatasetId dataset);

    /** Whether the dataset exists. */
    boolean datasetExists(DatasetId dataset);

    /** Creates a dataset; fails with 409 if it exists. */
    void createDataset(DatasetInfo dataset);

    /** Deletes a table or view; whether it existed. */
    boolean deleteTable(TableId table);

    /** Runs a copy job to completion. */
    JobResult copy(CopyJobConfiguration config);

    /**
     * Runs a copy job with this job id to completion, so that {@link #jobState} can later tell
     * whether it committed even if this call's answer is lost.
     */
    JobResult copy(CopyJobConfiguration config, String jobId);

    /** The state of a job of the warehouse's project and location, or empty if there is none with that id. */
    Optional<JobState> jobState(String jobId);

    /**
     * Patches a table's labels (tables.patch): the given labels are set, a label mapped to
     * {@code null} is removed, the others are left as they are.
     */
    void updateLabels(TableId table, Map<String, String> labels);

    /** Runs a load job to completion. */
    JobResult load(LoadJobConfiguration config);

    @Override
    void close();

    /**
     * A finished query job.
     *
     * @param schema the result's columns, or null for a statement without rows (DDL, DML)
     * @param rows the rows, fetched as they are iterated
     * @param job what the job cost
     */
    record QueryResult(Schema schema, Iterator<FieldValueList> rows, JobResult job) {}

    /**
     * A dry run.
     *
     * @param bytesProcessed the bytes the query would process (and bill, before the minimum)
     * @param schema the result schema, or null for a statement without rows
     */
    record DryRun(long bytesProcessed, Schema schema) {}

    /** What became of a job. */
    enum JobState {
        /** Pending or running: its effect is not visible (yet). */
        RUNNING,
        /** Done without an error: its effect is committed. */
        SUCCEEDED,
        /** Done with an error: it changed nothing. */
        FAILED
    }

    /**
     * Statistics of a finished job; what BigQuery does not report is empty.
     *
     * @param bytesProcessed bytes processed
     * @param slotMillis slot time consumed
     * @param rowsAffected rows changed by DML, or loaded/copied
     */
    record JobResult(OptionalLong bytesProcessed, OptionalLong slotMillis, OptionalLong rowsAffected) {
        static final JobResult NONE = new JobResult(OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty());
    }
}
