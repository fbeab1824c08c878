package io.meshkit.cli.pipeline;

import io.meshkit.cli.pipeline.StepOptions.Option;
import io.meshkit.cli.pipeline.StepOptions.Type;
import java.util.Arrays;
import java.util.List;
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

    /**
     * The options a step of this kind takes in {@code args:}, each mapped onto the tool's typed request (the
     * names are those of the tool's command).
     */
    public List<Option> options() {
        Option dataset = Option.of("--dataset", Type.TEXT, "NAME");
        Option production = Option.of("--production", Type.TABLE, "NAMESPACE.TABLE");
        Option candidate = Option.of("--candidate", Type.TABLE, "NAMESPACE.TABLE");
        Option maxRowChange = Option.of("--max-row-change", Type.NUMBER, "PERCENT");
        Option onRowChange = Option.of("--on-row-change", Type.SEVERITY, "warn|fail");
        return switch (this) {
            case TRANSFORM, SAMPLE -> List.of();
            case INGEST -> List.of(Option.of("--threads", Type.INTEGER, "N"), Option.of("--chunk-rows", Type.INTEGER, "N"),
                    Option.of("--lock-wait-timeout", Type.INTEGER, "SECONDS"), Option.of("--on-lock-timeout", Type.CHOICE, "fail|single"),
                    Option.of("--source-time-zone", Type.ZONE, "ZONE"), Option.flag("--allow-additive"), Option.flag("--allow-breaking"),
                    Option.flag("--allow-duplicate-keys"), Option.flag("--force"), Option.of("--landing", Type.TEXT, "DIR|URI"),
                    Option.of("--staging", Type.TEXT, "NAMESPACE[.TABLE]"));
            case LOAD_SNAPSHOT -> List.of(Option.flag("--allow-breaking"), Option.flag("--allow-duplicate-keys"));
            case SCD -> List.of(dataset, production, Option.of("--staging", Type.TABLE, "NAMESPACE.TABLE"), candidate,
                    Option.of("--op-column", Type.COLUMNS, "COLUMN"), Option.of("--time-column", Type.COLUMNS, "COLUMN"),
                    Option.of("--arrival-column", Type.COLUMNS, "COLUMN"), Option.flag("--full"));
            case VALIDATE -> List.of(dataset, production, candidate, maxRowChange, onRowChange);
            case PUBLISH -> List.of(dataset, production, candidate, Option.of("--keep", Type.INTEGER, "K"), maxRowChange, onRowChange,
                    Option.of("--lease-ttl", Type.DURATION, "DURATION"));
            case DIFF -> List.of(dataset, production, candidate, Option.of("--key", Type.COLUMNS, "COLUMN[,COLUMN]"),
                    Option.of("--decimals", Type.INTEGER, "N"), Option.of("--rel-tolerance", Type.NUMBER, "R"),
                    Option.of("--timestamp-precision", Type.INTEGER, "DIGITS"), Option.flag("--trim"), Option.flag("--ignore-case"),
                    Option.of("--sample", Type.NUMBER, "RATE"), Option.of("--examples", Type.INTEGER, "N"),
                    Option.of("--expect", Type.EXPECT, "any|no-change"), Option.of("--max-changed-pct", Type.NUMBER, "P"),
                    Option.flag("--post-to-github"), Option.of("--pr", Type.INTEGER, "NUMBER"), Option.of("--repo", Type.TEXT, "OWNER/NAME"),
                    Option.flag("--dry-run"));
            case MONITOR -> List.of(Option.of("--now", Type.INSTANT, "INSTANT"));
        };
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
