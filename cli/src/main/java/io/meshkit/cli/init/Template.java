package io.meshkit.cli.init;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The project templates of {@code meshkit init}. Each is also the Maven archetype
 * {@code io.meshkit:meshkit-archetype-<name>}: its files are the archetype's
 * {@code archetype-resources} ({@code templates/<name>/} in the repository) plus the files every
 * template shares ({@code templates/common/}), copied into this module's resources by the build.
 */
public enum Template {
    SNAPSHOT_DIMENSION("snapshot-dimension",
            "a MySQL table -> daily snapshot -> SCD2 dimension -> published (snapshot files shipped for three days)", Set.of()),
    EVENT_FACT("event-fact",
            "an event log (daily files) -> deduplicated fact table -> published, prepared for sampling by user", Set.of()),
    DERIVED_DATASET("derived-dataset",
            "a SQL model over published datasets: orders joined to the customer version valid at order time",
            Set.of("sales.orders", "crm.customers"));

    private final String id;
    private final String description;
    private final Set<String> upstreamDatasets;

    Template(String id, String description, Set<String> upstreamDatasets) {
        this.id = id;
        this.description = description;
        this.upstreamDatasets = upstreamDatasets;
    }

    /** The name on the command line and in the archetype's artifactId. */
    public String id() {
        return id;
    }

    /** One line for {@code meshkit init --list}. */
    public String description() {
        return description;
    }

    /** The datasets the template ships fixtures for: the generated dataset cannot have one of these names. */
    public Set<String> upstreamDatasets() {
        return upstreamDatasets;
    }

    /** The template of a name. */
    public static Optional<Template> of(String id) {
        return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
    }

    /** The names, for the help's {@code ${COMPLETION-CANDIDATES}} and shell completion. */
    public static final class Ids implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Arrays.stream(values()).map(Template::id).iterator();
        }
    }

    /** The names, comma-separated, for messages. */
    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(Template::id).toList());
    }
}
