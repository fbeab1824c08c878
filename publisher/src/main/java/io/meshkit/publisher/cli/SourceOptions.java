package io.meshkit.publisher.cli;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.identifier.TableId;
import io.meshkit.publisher.api.StageSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where a candidate comes from: exactly one of {@code --query}, {@code --query-file}, {@code --from-table}. */
final class SourceOptions {
    @Option(names = "--query", paramLabel = "SQL", description = "A SELECT whose rows become the candidate.")
    String query;

    @Option(names = "--query-file", paramLabel = "FILE", description = "A file holding that SELECT.")
    Path queryFile;

    @Option(names = "--from-table", paramLabel = "NAMESPACE.TABLE",
            description = "An existing table, e.g. scd-builder's output; the candidate table itself is adopted without a copy.")
    TableId fromTable;

    /** Whether the candidate comes from a query (given as text or as a file), not from a table. */
    boolean isQuery() {
        return fromTable == null;
    }

    StageSource toSource() {
        int given = (query != null ? 1 : 0) + (queryFile != null ? 1 : 0) + (fromTable != null ? 1 : 0);
        if (given != 1) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot stage the candidate: give exactly one of --query, --query-file, --from-table");
        }
        if (fromTable != null) {
            return new StageSource.FromTable(fromTable);
        }
        String sql = query;
        if (queryFile != null) {
            try {
                sql = Files.readString(queryFile);
            } catch (NoSuchFileException e) {
                throw new MeshkitException(ErrorCode.FILE_NOT_FOUND, "Cannot read query file " + queryFile + ": no such file", e);
            } catch (IOException e) {
                throw new MeshkitException(ErrorCode.FILE_NOT_FOUND, "Cannot read query file " + queryFile + ": " + e.getMessage(), e);
            }
        }
        return new StageSource.Query(sql);  // an empty query is refused by StageSource.Query
    }
}
