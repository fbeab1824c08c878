package io.meshkit.core.runlog;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.contract.Dataset;
import io.meshkit.core.identifier.TableId;
import java.util.List;
import java.util.Optional;

/**
 * What a run reads and writes, declared by the tool when it starts the run. The run log ignores it;
 * a lineage-reporting run log names these datasets, with their schemas, in the run's events.
 *
 * @param inputs the datasets the run reads
 * @param outputs the datasets the run writes
 */
public record RunDatasets(List<Ref> inputs, List<Ref> outputs) {
    /** Nothing declared. */
    public static final RunDatasets NONE = new RunDatasets(List.of(), List.of());

    /** Validates and copies. */
    public RunDatasets {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /** A run reading {@code input} and writing {@code output}. */
    public static RunDatasets of(Ref input, Ref output) {
        return new RunDatasets(List.of(input), List.of(output));
    }

    /**
     * One dataset.
     *
     * @param namespace where it lives (e.g. {@code mysql://db.internal:3306}, a landing-zone root); empty
     *     for the warehouse the run log is in
     * @param name its name there, e.g. {@code music.tracks}
     * @param schema the contract dataset that declares its columns, when known
     * @param published whether it has the dataset's published shape (a dimension's with its
     *     {@code valid_from}, {@code valid_to}, {@code is_current} columns) rather than the source rows
     *     the contract declares (a snapshot, a staging table)
     */
    public record Ref(Optional<String> namespace, String name, Optional<Dataset> schema, boolean published) {
        /** Validates. */
        public Ref {
            requireNonNull(namespace, "namespace is null");
            requireNonNull(name, "name is null");
            requireNonNull(schema, "schema is null");
        }

        /** A table of the dataset in its published shape (a candidate, production), in the run's warehouse. */
        public static Ref table(TableId table, Dataset schema) {
            return new Ref(Optional.empty(), table.toString(), Optional.of(schema), true);
        }

        /** A table of the dataset's source rows (staging, events), in the run's warehouse. */
        public static Ref sourceRows(TableId table, Dataset schema) {
            return new Ref(Optional.empty(), table.toString(), Optional.ofNullable(schema), false);
        }

        /** A table in the run's warehouse, schema unknown. */
        public static Ref table(TableId table) {
            return new Ref(Optional.empty(), table.toString(), Optional.empty(), false);
        }

        /** The dataset's source rows in another system (a source database, a landing zone). */
        public static Ref external(String namespace, String name, Dataset schema) {
            return new Ref(Optional.of(namespace), name, Optional.ofNullable(schema), false);
        }
    }
}
