package io.meshkit.core.contract;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads ODCS v3.0.x and v3.1.0 contract files into {@link Contract}s. Each file is checked against the official
 * JSON schema of its {@code apiVersion} (the standard decides what is valid), then by meshkit's own checks (names
 * safe for SQL, physical types, keys, meshkit settings, quality rules), and fields ODCS does not know are warnings
 * with a suggestion. Bad content never throws from {@link #parse}: every problem of the file is reported with its
 * {@code path:line:column}.
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
            // the one YAML input: size, UTF-8 and directory checks (SECURITY.md)
            yaml = io.meshkit.core.yaml.YamlInput.read(file);
        } catch (io.meshkit.core.yaml.YamlInputException e) {
            Problems problems = new Problems();
            problems.error(e.location(), "Cannot read contract: " + (e.problem().equals("no such file") ? "no such file or directory" : e.problem()));
            return new ParsedContract(file, display, Optional.empty(), problems.sorted(), SourceMap.EMPTY);
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
        if (tree.root() instanceof YamlTree.MapNode m && m.get("$schema") != null && m.get("apiVersion") == null
                && m.get("kind") == null) {
            // the ODCS JSON schemas sit beside the examples: one line, not a problem per schema keyword
            problems.error(new SourceLocation(displayPath, 1, 1), "Cannot read contract: this file is a JSON Schema (it has"
                    + " $schema), not an ODCS contract: pass the contracts it describes (*.odcs.yaml)");
        } else if (tree.root() != null) {
            try {
                // where the YAML itself is wrong (an alias, a duplicate key) nothing more needs saying
                Set<SourceLocation> taken = new HashSet<>();
                problems.sorted().forEach(p -> taken.add(p.location()));
                String version = checkAgainstSchema(tree.root(), locations, displayPath, problems, taken);
                contract = new ContractBinder(problems, version, taken).bind(tree.root());
            } catch (RuntimeException e) {
                // a defect in the reader: still a problem of this file rather than a stack trace for the user
                problems.error(new SourceLocation(displayPath, 1, 1),
                        "Cannot validate contract: internal error (" + e.getClass().getSimpleName() + ")");
            }
        }
        Optional<Contract> result = problems.hasErrors() ? Optional.empty() : Optional.ofNullable(contract);
        return new ParsedContract(file, displayPath, result, problems.sorted(), locations);
    }

    /**
     * Checks the document against the official schema of its apiVersion (v3.1.0 when it names none, so that the
     * schema says what is missing). Returns the version the binder reads it as, or null.
     */
    private static String checkAgainstSchema(YamlTree.Node root, SourceMap locations, String displayPath,
            Problems problems, Set<SourceLocation> taken) {
        if (!(root instanceof YamlTree.MapNode m)) {
            return null;
        }
        YamlTree.Node v = m.get("apiVersion");
        if (v == null || (v instanceof YamlTree.ScalarNode s && s.isNull())) {
            taken.addAll(OdcsSchemas.validate("v3.1.0", root, locations, displayPath, problems, taken));
            return null;
        }
        String version = v instanceof YamlTree.ScalarNode s ? s.text().trim() : null;
        if (version != null && OdcsSchemas.VERSIONS.contains(version)) {
            taken.addAll(OdcsSchemas.validate(version, root, locations, displayPath, problems, taken));
            return version;
        }
        String shown = version == null ? v.describe() : "'" + version + "'";
        String hint = version != null && version.matches("v?2\\..*")
                ? ": ODCS v2 contracts describe tables under 'dataset'; convert them to v3 (schema, properties)"
                : version != null && version.matches("v?3\\.\\d+\\.\\d+") && !version.startsWith("v")
                ? " (write it with a v: v" + version + ")" : "";
        problems.error(v.location(), "apiVersion " + shown + " is not one meshkit reads (" + String.join(", ",
                OdcsSchemas.VERSIONS) + ")" + hint);
        taken.add(v.location());
        return null;
    }

    private static ParsedContract unreadable(Path file, String message) {
        Problems problems = new Problems();
        problems.error(new SourceLocation(file.toString(), 1, 1), message);
        return new ParsedContract(file, file.toString(), Optional.empty(), problems.sorted(),
                SourceMap.EMPTY);
    }

}
