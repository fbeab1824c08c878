package io.meshkit.cli.pipeline.steps;

import io.meshkit.cli.pipeline.Pipeline;
import io.meshkit.core.contract.Contract;
import io.meshkit.core.contract.ContractReader;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a pipeline's steps read from disk and the environment: {@code ${VAR}} expanded, paths relative to
 * the pipeline file, and each contract read once per run (a cache keyed by the file's normalised path).
 */
public final class PipelineFiles {
    private static final Pattern ENV = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private final Pipeline pipeline;
    private final Function<String, String> env;
    private final ContractReader reader = ContractReader.create();
    private final Map<Path, Contract> contracts = new HashMap<>();
    private int reads;
    private String landing = DEFAULT_LANDING;

    /** The landing zone of ingest and load-snapshot steps whose args name none, as {@code meshkit ingest} defaults to. */
    public static final String DEFAULT_LANDING = ".meshkit/landing";

    /** The files of a pipeline, reading environment variables through {@code env}. */
    public PipelineFiles(Pipeline pipeline, Function<String, String> env) {
        this.pipeline = pipeline;
        this.env = env;
    }

    /**
     * The landing zone of the steps whose args name none: {@link #DEFAULT_LANDING} in the working directory, or the one
     * a golden test gives its run, so that tests leave the project's landing zone alone.
     */
    public String landing() {
        return landing;
    }

    /** Lands what the steps land in {@code root} (a directory or URI) unless a step's args name another. */
    public PipelineFiles withLanding(String root) {
        this.landing = java.util.Objects.requireNonNull(root, "root is null");
        return this;
    }

    /** The pipeline. */
    public Pipeline pipeline() {
        return pipeline;
    }

    /** An environment variable, or null. */
    public String env(String name) {
        return env.apply(name);
    }

    /** The text with every {@code ${VAR}} replaced by its value; an unset variable is an error (exit 2). */
    public String expand(String text) {
        Matcher m = ENV.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String v = env.apply(m.group(1));
            if (v == null) {
                throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot run pipeline " + pipeline.name() + ": environment variable "
                        + m.group(1) + " is not set");
            }
            m.appendReplacement(b, Matcher.quoteReplacement(v));
        }
        m.appendTail(b);
        return b.toString();
    }

    /**
     * A path of the pipeline file, expanded and resolved against the file's directory; relative to the working
     * directory when under it (it reads better in the output).
     */
    public Path path(String relative) {
        Path p = Path.of(expand(relative));
        Path absolute = p.isAbsolute() ? p : pipeline.baseDir().resolve(p).normalize();
        Path cwd = Path.of("").toAbsolutePath();
        return absolute.startsWith(cwd) && !absolute.equals(cwd) ? cwd.relativize(absolute) : absolute;
    }

    /** The contract at a path of the pipeline file, read once per run. */
    public Contract contract(String relative) {
        return contract(path(relative));
    }

    /** The contract in a file, read once per run. */
    public Contract contract(Path file) {
        Path key = file.toAbsolutePath().normalize();
        Contract c = contracts.get(key);
        if (c == null) {
            c = reader.read(file);
            reads++;
            contracts.put(key, c);
        }
        return c;
    }

    /** The contract files under a file or directory. */
    public List<Path> findContracts(Path fileOrDirectory) {
        return reader.findContracts(fileOrDirectory);
    }

    /** How many contract files were read (each at most once). */
    public int contractReads() {
        return reads;
    }
}
