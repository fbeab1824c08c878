package io.meshkit.testing.golden;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Reads a golden test file into a {@link GoldenTest}: what a test runs is a pipeline, and pipelines
 * are the CLI's, so meshkit-cli implements this and registers it in
 * {@code META-INF/services/io.meshkit.testing.golden.GoldenTestReader}; {@link GoldenSuite} finds it
 * with {@link ServiceLoader}. Mistakes are {@link io.meshkit.core.error.FileLocationException}s at
 * their line and column (in the test file, or in a file it names, such as the pipeline).
 */
public interface GoldenTestReader {
    /** The suffix of a golden test file. */
    String SUFFIX = ".test.yaml";

    /**
     * Reads and checks a test file.
     *
     * @param projectDir the project directory
     * @param testsDir the directory the test's name is relative to
     * @param file the test file
     */
    GoldenTest read(Path projectDir, Path testsDir, Path file);

    /** The reader on the class path; none is an error that says which jar is missing. */
    static GoldenTestReader load() {
        List<GoldenTestReader> readers = ServiceLoader.load(GoldenTestReader.class).stream().map(ServiceLoader.Provider::get).toList();
        if (readers.isEmpty()) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT,
                    "Cannot run golden tests: nothing on the class path reads test files (add io.meshkit:meshkit-cli as a test dependency)");
        }
        return readers.get(0);
    }
}
