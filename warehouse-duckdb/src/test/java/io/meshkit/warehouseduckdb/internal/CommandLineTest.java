package io.meshkit.warehouseduckdb.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How the command of a process holding a warehouse file is shown: whole arguments, never one cut in the middle. */
class CommandLineTest {
    @Test
    void aCommandLineKeepsWholeArgumentsQuotedAsAShellWouldAndEndsInAnEllipsisWhenLonger() {
        assertThat(DuckDbWarehouse.commandLine(List.of("publish", "promote", "--contract", "contracts/events.odcs.yaml")))
                .isEqualTo("meshkit publish promote --contract contracts/events.odcs.yaml");
        assertThat(DuckDbWarehouse.commandLine(List.of("query", "SELECT 'a' FROM range(3)")))
                .isEqualTo("meshkit query 'SELECT '\\''a'\\'' FROM range(3)'");
        String query = "SELECT n FROM range(100000000) AS t(n) WHERE n % 7 = 0 ORDER BY n DESC LIMIT 10 OFFSET 5";
        assertThat(DuckDbWarehouse.commandLine(List.of("query", query, "--wait", "5"))).isEqualTo("meshkit query …");
        assertThat(DuckDbWarehouse.commandLine(List.of("ingest", "snapshot", "--source", "jdbc:mysql://h:3306/shop?user=u&password=secret")))
                .isEqualTo("meshkit ingest snapshot --source jdbc:mysql://h:3306/shop?user=u&password=***");
        String fits = "x".repeat(DuckDbWarehouse.COMMAND_WIDTH - "meshkit ".length());
        assertThat(DuckDbWarehouse.commandLine(List.of(fits))).hasSize(DuckDbWarehouse.COMMAND_WIDTH).isEqualTo("meshkit " + fits);
        assertThat(DuckDbWarehouse.commandLine(List.of(fits + "y"))).isEqualTo("meshkit …");
    }
}
