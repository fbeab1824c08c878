package io.meshkit.warehouseduckdb;

import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.Warehouses;

/**
 * Holds a DuckDB warehouse file open, as a running meshkit command does, until its standard input closes; the file is
 * the last argument, the ones before it are for show (the command line another process sees).
 */
public final class HoldingProcess {
    private HoldingProcess() {}

    public static void main(String[] args) throws Exception {
        try (Warehouse w = Warehouses.open("duckdb:" + args[args.length - 1])) {
            System.out.println("open");
            System.out.flush();
            while (System.in.read() >= 0) {
                // until the parent closes our standard input
            }
        }
    }
}
