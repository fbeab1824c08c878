package io.meshkit.publisher;

import io.meshkit.core.warehouse.Warehouse;
import java.nio.file.Path;

/** Holds a DuckDB warehouse file open (as a writing meshkit command does) until its standard input closes. */
public final class HoldingChild {
    private HoldingChild() {}

    public static void main(String[] args) throws Exception {
        try (Warehouse w = Fixtures.open(Path.of(args[0]))) {
            System.out.println("open");
            System.out.flush();
            while (System.in.read() >= 0) {
                // until the parent closes our stdin
            }
        }
    }
}
