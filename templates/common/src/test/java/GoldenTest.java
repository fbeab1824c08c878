package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The golden tests under {@code tests/}: each {@code *.test.yaml} runs the pipeline on fixtures, on
 * a fresh DuckDB file, and compares the tables it names with the expected CSV files. The same as
 * {@code meshkit test} on the command line; the JUnit report is {@code target/meshkit-golden.xml}.
 */
class GoldenTest {
    @Test
    void goldenTablesMatch() {
        int exit = io.meshkit.cli.Meshkit.commandLine().execute("test", ".", "--junit", "target/meshkit-golden.xml");
        assertEquals(0, exit, "meshkit test failed: the table diff is printed above");
    }
}
