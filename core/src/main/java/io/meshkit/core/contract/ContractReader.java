package io.meshkit.core.contract;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads ODCS v3.0.x and v3.1.0 contract files into {@link Contract}s. Bad content never throws from
 * {@link #parse}: every problem of the file is reported with its {@code path:line:column}.
 *
 * <pre>{@code
 * ParsedContract parsed = ContractReader.create().parse(Path.of("tracks.odcs.yaml"));
 * parsed.problems().forEach(System.err::println);   // tracks.odcs.yaml:12:20: error: unknown logicalType 'strng' ...
 * }</pre>
 */
public final class ContractReader {
    private ContractReader() {}

    /** A reader. Readers hold no state and can be shared. */
    public static ContractReader create() {
        return new ContractReader();
    }

    /**
     * Reads and validates a contract file. A missing or unreadable file is a problem of the result, not an
     * exception.
     */
    public ParsedContract parse(Path file) {
        requireNonNull(file, "file is null");
        String display = file.toString();
        String yaml;
        try {
            yaml = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return unreadable(file, "Cannot read contract: no such file or directory");
        } catch (AccessDeniedException e) {
            return unreadable(file, "Cannot read contract: permission denied");
        } catch (IOException e) {
            String reason = Files.isDirectory(file) ? "it is a directory" : e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage());
            return unreadable(file, "Cannot read contract: " + reason);
        }
        return parse(file, display, yaml);
    }

    /** Reads and validates a contract given as text; {@code displayPath} names it in problems. */
    public ParsedContract parse(String displayPath, String yaml) {
        requireNonNull(displayPath, "displayPath is null");
        requireNonNull(yaml, "yaml is null");
        return parse(null, displayPath, yaml);
    }

    /** Reads a contract file, or throws a {@link ContractException} with all its problems. */
    public Contract read(Path file) {
        return parse(file).orThrow();
    }

    /**
     * The contract files at a path: the file itself, or every {@code *.odcs.yaml} and {@code *.odcs.yml} file under
     * a directory, recursively, sorted by path.
     *
     * @throws MeshkitException with {@link ErrorCode#FILE_NOT_FOUND} when the path does not exist
     */
    public List<Path> findContracts(Path fileOrDirectory) {
        requireNonNull(fileOrDirectory, "fileOrDirectory is null");
        if (!Files.exists(fileOrDirectory)) {
            throw new MeshkitException(ErrorCode.FILE_NOT_FOUND,
                    "Cannot read contract " + fileOrDirectory + ": no such file or directory");
        }
        if (!Files.isDirectory(fileOrDirectory)) {
            return List.of(fileOrDirectory);
        }
        try (Stream<Path> files = Files.walk(fileOrDirectory)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> {
                        String name = p.getFileName().toString();
                        return name.endsWith(".odcs.yaml") || name.endsWith(".odcs.yml");
                    })
                    .sorted()
                    .toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new MeshkitException(ErrorCode.FILE_NOT_FOUND,
                    "Cannot read contracts in " + fileOrDirectory + ": " + e.getMessage(), e);
        }
    }

    private static ParsedContract parse(Path file, String displayPath, String yaml) {
        Problems problems = new Problems();
        YamlTree.Parsed tree = YamlTree.parse(displayPath, yaml, problems);
        SourceMap locations = new SourceMap(tree.locations(), tree.keyLocations());
        Contract contract = null;
        if (tree.root() != null) {
            try {
                contract = new ContractBinder(problems).bind(tree.root());
            } catch (RuntimeException e) {
                // a defect in the binder: still a problem of this file rather than a stack trace for the user
                problems.error(new SourceLocation(displayPath, 1, 1),
                        "Cannot validate contract: internal error (" + e.getClass().getSimpleName() + ")");
            }
        }
        Optional<Contract> result = problems.hasErrors() ? Optional.empty() : Optional.ofNullable(contract);
        return new ParsedContract(file, displayPath, result, problems.sorted(), locations);
    }

    private static ParsedContract unreadable(Path file, String message) {
        Problems problems = new Problems();
        problems.error(new SourceLocation(file.toString(), 1, 1), message);
        return new ParsedContract(file, file.toString(), Optional.empty(), problems.sorted(), SourceMap.EMPTY);
    }

}
