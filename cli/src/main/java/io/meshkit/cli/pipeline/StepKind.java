package io.meshkit.cli.pipeline;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** What a pipeline step does, and the keys it takes besides {@code id}, {@code kind}, {@code needs}. */
public enum StepKind {
    /** A MySQL snapshot into staging ({@code meshkit ingest snapshot}); once per date. */
    INGEST("ingest", Set.of("contract", "source", "args")),
    /** Snapshot files ({@code DIR/snapshot_date=D/*.csv|*.parquet}) into staging; once per date. */
    LOAD_SNAPSHOT("load-snapshot", Set.of("contract", "snapshots", "args")),
    /** {@code meshkit scd apply} once per date, or {@code from-events} once with {@code events}. */
    SCD("scd", Set.of("contract", "events", "args")),
    /** A SQL model into the dataset's candidate table ({@code meshkit publish stage}). */
    TRANSFORM("transform", Set.of("contract", "sql")),
    /** The audit of candidates ({@code meshkit publish validate}). */
    VALIDATE("validate", Set.of("contract", "args")),
    /** Data diff of candidates against production ({@code meshkit diff}). */
    DIFF("diff", Set.of("contract", "args")),
    /** Atomic promotion of candidates ({@code meshkit publish promote}). */
    PUBLISH("publish", Set.of("contract", "args")),
    /** {@code meshkit sample prepare} of a published fact, and one sampled query with its interval. */
    SAMPLE("sample", Set.of("contract", "table", "key", "rate", "metrics", "by", "subsamples")),
    /** {@code meshkit monitor check}. */
    MONITOR("monitor", Set.of("contract", "args"));

    private final String yamlName;
    private final Set<String> keys;

    StepKind(String yamlName, Set<String> keys) {
        this.yamlName = yamlName;
        this.keys = keys;
    }

    /** The name in {@code pipeline.yaml}. */
    public String yamlName() {
        return yamlName;
    }

    /** The keys a step of this kind takes. */
    public Set<String> keys() {
        return keys;
    }

    /** Whether a key's value is a path (or paths) relative to the file that sets it. */
    public static boolean isPath(String key) {
        return key.equals("contract") || key.equals("snapshots") || key.equals("sql");
    }

    boolean dated(Pipeline.Step step) {
        return switch (this) {
            case INGEST, LOAD_SNAPSHOT -> true;
            case SCD -> step.string("events").isEmpty();
            default -> false;
        };
    }

    /** The kind named in the file. */
    public static Optional<StepKind> of(String name) {
        return Arrays.stream(values()).filter(k -> k.yamlName.equals(name.trim().toLowerCase(Locale.ROOT))).findFirst();
    }

    /** The names, for messages. */
    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(StepKind::yamlName).toList());
    }
}
