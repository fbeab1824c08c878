package io.meshkit.sampler.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.sampler.api.Filter;
import io.meshkit.sampler.api.Metric;
import io.meshkit.sampler.api.MetricQuery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads metric queries from a small YAML file: one query, or several under {@code queries:}. Each
 * may name {@code table} and {@code key}; the command line supplies them where a query does not.
 *
 * <pre>
 * table: learning.lessons
 * key: user_id
 * dimensions: [country]
 * filters: ["lesson_date >= 2025-01-01"]
 * metrics:
 *   lessons: count
 *   xp_per_user: sum(xp)/users
 * </pre>
 */
public final class QueryFiles {
    private QueryFiles() {}

    /** The queries of a file, with defaults for the table and key. */
    public static List<MetricQuery> read(Path file, Optional<TableId> table, Optional<ColumnName> key) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new MeshkitException(ErrorCode.FILE_NOT_FOUND, "Cannot read query file " + file + ": no such file", e);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String where = loc == null ? file.toString() : file + ":" + loc.getLineNr() + ":" + loc.getColumnNr();
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, where + ": Cannot read query file: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new MeshkitException(ErrorCode.FILE_NOT_FOUND, "Cannot read query file " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw bad(file, "expected a mapping with metrics (or a list under queries)");
        }
        List<MetricQuery> out = new ArrayList<>();
        if (root.has("queries")) {
            if (!root.get("queries").isArray()) {
                throw bad(file, "queries must be a list");
            }
            for (JsonNode q : root.get("queries")) {
                out.add(query(file, q, table, key));
            }
        } else {
            out.add(query(file, root, table, key));
        }
        return List.copyOf(out);
    }

    private static MetricQuery query(Path file, JsonNode q, Optional<TableId> defaultTable, Optional<ColumnName> defaultKey) {
        try {
            TableId table = q.hasNonNull("table") ? TableId.parse(q.get("table").asText()) : defaultTable
                    .orElseThrow(() -> bad(file, "a query names no table (give table: or --table)"));
            ColumnName key = q.hasNonNull("key") ? ColumnName.of(q.get("key").asText()) : defaultKey
                    .orElseThrow(() -> bad(file, "a query names no sampling key (give key: or --key)"));
            List<Metric> metrics = new ArrayList<>();
            JsonNode m = q.get("metrics");
            if (m == null || !m.isObject()) {
                throw bad(file, "metrics must be a mapping of NAME: EXPR");
            }
            for (Map.Entry<String, JsonNode> e : m.properties()) {
                metrics.add(Metric.parse(e.getKey(), e.getValue().asText()));
            }
            List<ColumnName> dims = new ArrayList<>();
            for (JsonNode d : list(q.get("dimensions"))) {
                dims.add(ColumnName.of(d.asText()));
            }
            List<Filter> filters = new ArrayList<>();
            for (JsonNode f : list(q.get("filters"))) {
                filters.add(Filter.parse(f.asText()));
            }
            return new MetricQuery(table, key, metrics, dims, filters);
        } catch (MeshkitException e) {
            if (e.getMessage().startsWith(file.toString())) {
                throw e;
            }
            throw new MeshkitException(e.code(), file + ": " + e.getMessage(), e);
        }
    }

    private static Iterable<JsonNode> list(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        return node.isArray() ? node : List.of(node);
    }

    private static MeshkitException bad(Path file, String reason) {
        return new MeshkitException(ErrorCode.INVALID_ARGUMENT, file + ": Cannot read query file: " + reason);
    }
}
