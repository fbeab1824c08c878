package io.meshkit.linter.di;

import io.meshkit.linter.api.Conventions;
import io.meshkit.linter.api.Linter;
import io.meshkit.linter.internal.ConventionsLoader;
import io.meshkit.linter.internal.DefaultLinter;
import java.nio.file.Path;

/**
 * Where a {@link Linter} and its {@link Conventions} come from, for callers in Java that do not use
 * {@link LintComponent}. The implementations live in {@code internal}; this is the one place outside
 * it that names them, so {@code api} never does.
 */
public final class Linters {
    private Linters() {}

    /** A linter enforcing {@code conventions}. */
    public static Linter create(Conventions conventions) {
        return new DefaultLinter(conventions);
    }

    /** The built-in conventions ({@code default-conventions.yaml}). */
    public static Conventions defaultConventions() {
        return ConventionsLoader.defaults();
    }

    /**
     * Reads a conventions file and the chain it extends. Bad content throws a
     * {@link io.meshkit.core.error.MeshkitException} ({@code INVALID_ARGUMENT}, exit 2) naming {@code file:line:column}.
     */
    public static Conventions loadConventions(Path file) {
        return ConventionsLoader.load(file);
    }
}
