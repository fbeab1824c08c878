package io.meshkit.warehousebigquery.internal;

import static java.util.Objects.requireNonNull;

import com.google.api.gax.paging.Page;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryException;
import com.google.cloud.bigquery.CopyJobConfiguration;
import com.google.cloud.bigquery.DatasetId;
import com.google.cloud.bigquery.DatasetInfo;
import com.google.cloud.bigquery.Job;
import com.google.cloud.bigquery.JobConfiguration;
import com.google.cloud.bigquery.JobId;
import com.google.cloud.bigquery.JobInfo;
import com.google.cloud.bigquery.JobStatistics;
import com.google.cloud.bigquery.JobStatus;
import com.google.cloud.bigquery.LoadJobConfiguration;
import com.google.cloud.bigquery.QueryJobConfiguration;
import com.google.cloud.bigquery.Table;
import com.google.cloud.bigquery.TableId;
import com.google.cloud.bigquery.TableInfo;
import com.google.cloud.bigquery.TableResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** The seam over the real service: jobs in the warehouse's project and location. */
final class BigQueryApiClient implements BigQueryClient {
    /** Rows per result page: large enough for few round trips, small enough to stream. */
    private static final long PAGE_SIZE = 10_000;

    private final BigQuery bigquery;
    private final String project;
    private final String location;

    BigQueryApiClient(BigQuery bigquery, String project, String location) {
        this.bigquery = requireNonNull(bigquery, "bigquery is null");
        this.project = requireNonNull(project, "project is null");
        this.location = requireNonNull(location, "location is null");
    }

    private JobId newJobId() {
        return JobId.newBuilder().setProject(project).setLocation(location).setRandomJob().build();
    }

    private JobId jobId(String id) {
        return JobId.newBuilder().setProject(project).setLocation(location).setJob(id).build();
    }

    private Job run(JobConfiguration config) {
        return run(newJobId(), config);
    }

    private Job run(JobId id, JobConfiguration config) {
        Job job;
        try {
            job = bigquery.create(JobInfo.of(id, config)).waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BigQueryException(0, "interrupted while waiting for a job", e);
        }
        if (job == null) {
            throw new BigQueryException(404, "the job disappeared before it finished");
        }
        if (job.getStatus() != null && job.getStatus().getError() != null) {
            throw new BigQueryException(job.getStatus().getExecutionErrors() == null ? List.of(job.getStatus().getError())
                    : job.getStatus().getExecutionErrors());
        }
        return job;
    }

    @Override
    public QueryResult query(QueryJobConfiguration config) {
        Job job = run(config);
        JobStatistics.QueryStatistics stats = job.getStatistics();
        TableResult result;
        try {
            result = job.getQueryResults(BigQuery.QueryResultsOption.pageSize(PAGE_SIZE));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BigQueryException(0, "interrupted while reading a query result", e);
        }
        JobResult cost = new JobResult(optional(stats == null ? null : stats.getTotalBytesProcessed()),
                optional(stats == null ? null : stats.getTotalSlotMs()), optional(stats == null ? null : stats.getNumDmlAffectedRows()));
        boolean hasRows = stats == null || stats.getStatementType() == null
                || stats.getStatementType() == JobStatistics.QueryStatistics.StatementType.SELECT;
        return new QueryResult(hasRows ? result.getSchema() : null, result.iterateAll().iterator(), cost);
    }

    @Override
    public DryRun dryRun(QueryJobConfiguration config) {
        Job job = bigquery.create(JobInfo.of(config.toBuilder().setDryRun(true).setUseQueryCache(false).build()));
        JobStatistics.QueryStatistics stats = job.getStatistics();
        return new DryRun(stats.getTotalBytesProcessed() == null ? 0 : stats.getTotalBytesProcessed(), stats.getSchema());
    }

    @Override
    public Optional<TableInfo> getTable(TableId table) {
        Table t = bigquery.getTable(table);
        return Optional.ofNullable(t);
    }

    @Override
    public List<TableId> listTables(DatasetId dataset) {
        List<TableId> ids = new ArrayList<>();
        try {
            Page<Table> page = bigquery.listTables(dataset, BigQuery.TableListOption.pageSize(1000));
            for (Table t : page.iterateAll()) {
                ids.add(t.getTableId());
            }
        } catch (BigQueryException e) {
            if (Errors.isNotFound(e)) {
                return List.of();
            }
            throw e;
        }
        return ids;
    }

    @Override
    public boolean datasetExists(DatasetId dataset) {
        return bigquery.getDataset(dataset) != null;
    }

    @Override
    public void createDataset(DatasetInfo dataset) {
        bigquery.create(dataset);
    }

    @Override
    public boolean deleteTable(TableId table) {
        return bigquery.delete(table);
    }

    @Override
    public JobResult copy(CopyJobConfiguration config) {
        run(config);
        return JobResult.NONE;
    }

    @Override
    public JobResult copy(CopyJobConfiguration config, String jobId) {
        run(jobId(jobId), config);
        return JobResult.NONE;
    }

    @Override
    public Optional<JobState> jobState(String jobId) {
        Job job = bigquery.getJob(jobId(jobId));
        if (job == null) {
            return Optional.empty();
        }
        JobStatus status = job.getStatus();
        if (status == null || status.getState() != JobStatus.State.DONE) {
            return Optional.of(JobState.RUNNING);
        }
        return Optional.of(status.getError() == null ? JobState.SUCCEEDED : JobState.FAILED);
    }

    @Override
    public void updateLabels(TableId table, Map<String, String> labels) {
        Table t = bigquery.getTable(table);
        if (t == null) {
            throw new BigQueryException(404, "Not found: Table " + table.getDataset() + "." + table.getTable());
        }
        // a null value removes the label (the client sends it as JSON null in the patch)
        bigquery.update(t.toBuilder().setLabels(labels).build());
    }

    @Override
    public JobResult load(LoadJobConfiguration config) {
        Job job = run(config);
        JobStatistics.LoadStatistics stats = job.getStatistics();
        return new JobResult(optional(stats == null ? null : stats.getInputBytes()), OptionalLong.empty(),
                optional(stats == null ? null : stats.getOutputRows()));
    }

    private static OptionalLong optional(Long v) {
        return v == null ? OptionalLong.empty() : OptionalLong.of(v);
    }

    @Override
    public void close() {
        // the HTTP transport of google-cloud-bigquery holds nothing that needs closing
    }
}
