package ${package};

import io.meshkit.testing.golden.GoldenSuite;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The golden tests under {@code tests/}: each {@code *.test.yaml} runs the pipeline on fixtures, on
 * a fresh DuckDB file, and compares the tables it names with the expected CSV files. The same engine
 * as {@code meshkit test} on the command line; a failure's message is the table diff, and the JUnit
 * report is {@code target/meshkit-golden.xml}.
 */
class GoldenTest {
    @Test
    void goldenTablesMatch() {
        GoldenSuite.assertPasses(Path.of("."), Path.of("target/meshkit-golden.xml"));
    }
}
