package io.meshkit.warehousebigquery.internal;

import com.google.cloud.bigquery.CopyJobConfiguration;
import com.google.cloud.bigquery.DatasetId;
import com.google.cloud.bigquery.DatasetInfo;
import com.google.cloud.bigquery.Field;
import com.google.cloud.bigquery.LoadJobConfiguration;
import com.google.cloud.bigquery.QueryJobConfiguration;
import com.google.cloud.bigquery.TableId;
import com.google.cloud.bigquery.TableInfo;
import com.google.zetasql.Analyzer;
import com.google.zetasql.SimpleCatalog;
import com.google.zetasql.SimpleTable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link BigQueryClient} that checks every statement with ZetaSQL's analyzer before the fake runs
 * it, exactly as sent (backtick paths {@code `dataset`.`table`}, named parameters), against a
 * catalog built from the schemas of the tables at that moment: one sub-catalog per dataset.
 */
final class AnalyzingClient implements BigQueryClient {
    private final FakeBigQueryClient fake;
    private final SimpleCatalog catalog = ZetaSql.catalog();
    /** Every statement analyzed, in order. */
    final List<String> analyzed = new CopyOnWriteArrayList<>();

    AnalyzingClient(FakeBigQueryClient fake) {
        this.fake = fake;
    }

    private synchronized void analyze(QueryJobConfiguration config) {
        for (Map.Entry<String, Map<String, List<Field>>> dataset : fake.schemas().entrySet()) {
            SimpleCatalog ds = catalog.getCatalogList().stream().filter(c -> c.getFullName().equals(dataset.getKey())).findFirst()
                    .orElseGet(() -> catalog.addNewSimpleCatalog(dataset.getKey()));
            for (String name : List.copyOf(ds.getTableNameList())) {
                ds.removeSimpleTable(name);
            }
            dataset.getValue().forEach((name, fields) -> {
                SimpleTable t = new SimpleTable(name);
                fields.forEach(f -> t.addSimpleColumn(f.getName(), ZetaSql.type(Values.type(f))));
                ds.addSimpleTable(t);
            });
        }
        // throws SqlException (not a BigQueryException): a statement ZetaSQL rejects fails the test
        Analyzer.analyzeStatement(config.getQuery(), ZetaSql.options(config.getNamedParameters()), catalog);
        analyzed.add(config.getQuery());
    }

    @Override
    public QueryResult query(QueryJobConfiguration config) {
        analyze(config);
        return fake.query(config);
    }

    @Override
    public DryRun dryRun(QueryJobConfiguration config) {
        analyze(config);
        return fake.dryRun(config);
    }

    @Override
    public Optional<TableInfo> getTable(TableId table) {
        return fake.getTable(table);
    }

    @Override
    public List<TableId> listTables(DatasetId dataset) {
        return fake.listTables(dataset);
    }

    @Override
    public boolean datasetExists(DatasetId dataset) {
        return fake.datasetExists(dataset);
    }

    @Override
    public void createDataset(DatasetInfo dataset) {
        fake.createDataset(dataset);
    }

    @Override
    public boolean deleteTable(TableId table) {
        return fake.deleteTable(table);
    }

    @Override
    public JobResult copy(CopyJobConfiguration config) {
        return fake.copy(config);
    }

    @Override
    public JobResult copy(CopyJobConfiguration config, String jobId) {
        return fake.copy(config, jobId);
    }

    @Override
    public Optional<JobState> jobState(String jobId) {
        return fake.jobState(jobId);
    }

    @Override
    public void updateLabels(TableId table, Map<String, String> labels) {
        fake.updateLabels(table, labels);
    }

    @Override
    public JobResult load(LoadJobConfiguration config) {
        return fake.load(config);
    }

    @Override
    public void close() {
        fake.close();
    }
}
