package io.meshkit.monitor.cli;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.monitor.internal.Prometheus;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code metrics}: dataset health in the Prometheus text format, to stdout or atomically to a file. */
@Command(name = "metrics", description = "Write dataset health in the Prometheus text exposition format (for scraping or the node exporter's textfile collector).",
        footer = {"%nExample:", "  $ ${COMMAND-FULL-NAME} --contract examples/music/contracts --output metrics.prom"})
final class MetricsCommand implements Callable<Integer> {
    @Mixin
    MonitorOptions options;

    @Option(names = "--output", paramLabel = "FILE", description = "Write to this file (replaced atomically) instead of stdout.")
    Path output;

    @Override
    public Integer call() {
        Prometheus metrics = new Prometheus();
        int pending = options.call(c -> {
            c.monitor().status(metrics);
            return c.monitor().pendingDeliveries();
        });
        if (output == null) {
            metrics.write(options.console.out(), pending);
            return 0;
        }
        StringWriter text = new StringWriter();
        metrics.write(new PrintWriter(text), pending);
        try {
            Path abs = output.toAbsolutePath();
            Path tmp = Files.createTempFile(abs.getParent(), abs.getFileName().toString(), ".tmp");
            Files.writeString(tmp, text.toString(), StandardCharsets.UTF_8);
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new MeshkitException(ErrorCode.FILE_NOT_FOUND, "Cannot write metrics to " + output + ": " + e.getClass().getSimpleName(), e);
        }
        return 0;
    }
}
