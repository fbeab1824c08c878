package io.meshkit.lineage.internal;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.lineage.LineageConfig;
import io.meshkit.core.lineage.LineageDataset;
import io.meshkit.core.lineage.LineageEmitter;
import io.meshkit.core.lineage.LineageEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineageClient;
import io.openlineage.client.transports.ConsoleTransport;
import io.openlineage.client.transports.FileConfig;
import io.openlineage.client.transports.FileTransport;
import io.openlineage.client.transports.Transport;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns meshkit lineage events into OpenLineage run events (with schema facets and, for failures,
 * the error-message facet) and sends them with the official client. A delivery failure is reported
 * in one line on standard error and never fails the run.
 */
public final class OpenLineageEmitter implements LineageEmitter {
    /** The producer URI every event carries. */
    public static final URI PRODUCER = URI.create("https://github.com/meshkit/meshkit/tree/main/lineage");

    private final OpenLineage openLineage = new OpenLineage(PRODUCER);
    private final OpenLineageClient client;
    private final PrintStream warnings;
    private final String target;

    private OpenLineageEmitter(OpenLineageClient client, PrintStream warnings, String target) {
        this.client = requireNonNull(client, "client is null");
        this.warnings = requireNonNull(warnings, "warnings is null");
        this.target = target;
    }

    /** An emitter for the configured transport; the API key is read from the environment. */
    public static OpenLineageEmitter create(LineageConfig config, Map<String, String> env, PrintStream warnings) {
        Transport transport;
        String target;
        switch (config.transport()) {
            case "http" -> {
                URI url = URI.create(config.url().orElseThrow());
                Optional<String> key = Optional.empty();
                if (config.apiKeyEnv().isPresent()) {
                    key = Optional.ofNullable(env.get(config.apiKeyEnv().get())).filter(k -> !k.isBlank());
                    if (key.isEmpty()) {
                        throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot emit lineage: environment variable "
                                + config.apiKeyEnv().get() + " (lineage.api_key_env) is not set");
                    }
                }
                transport = new JdkHttpTransport(URI.create(config.url().orElseThrow().replaceAll("/+$", "") + config.endpoint()), config.timeout(), key);
                target = url.getScheme() + "://" + url.getAuthority() + config.endpoint();
            }
            case "file" -> {
                Path file = config.file().orElseThrow().toAbsolutePath();
                try {
                    if (file.getParent() != null) {
                        Files.createDirectories(file.getParent());
                    }
                } catch (java.io.IOException e) {
                    throw new MeshkitException(ErrorCode.FILE_NOT_FOUND, "Cannot emit lineage to " + file + ": " + e.getMessage(), e);
                }
                transport = new FileTransport(new FileConfig(file.toString()));
                target = file.toString();
            }
            case "console" -> {
                transport = new ConsoleTransport();
                target = "the console";
            }
            default -> throw new MeshkitException(ErrorCode.INVALID_ARGUMENT,
                    "Cannot emit lineage: unknown transport '" + config.transport() + "'");
        }
        return new OpenLineageEmitter(OpenLineageClient.builder().transport(transport).meterRegistry(new SimpleMeterRegistry()).build(), warnings, target);
    }

    @Override
    public void emit(LineageEvent event) {
        try {
            client.emit(toRunEvent(event));
        } catch (RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            warnings.println("warning: Cannot send lineage event " + event.type() + " of run " + event.runId()
                    + " to " + target + ": " + reason);
        }
    }

    /** The OpenLineage form of an event. */
    public OpenLineage.RunEvent toRunEvent(LineageEvent event) {
        OpenLineage.RunFacetsBuilder runFacets = openLineage.newRunFacetsBuilder();
        event.error().ifPresent(message -> runFacets.errorMessage(openLineage.newErrorMessageRunFacet(message, "java", null)));
        return openLineage.newRunEventBuilder()
                .eventType(switch (event.type()) {
                    case START -> OpenLineage.RunEvent.EventType.START;
                    case COMPLETE -> OpenLineage.RunEvent.EventType.COMPLETE;
                    case FAIL -> OpenLineage.RunEvent.EventType.FAIL;
                })
                .eventTime(event.eventTime().atZone(ZoneOffset.UTC))
                .run(openLineage.newRun(event.runId(), runFacets.build()))
                .job(openLineage.newJob(event.jobNamespace(), event.jobName(), null))
                .inputs(event.inputs().stream()
                        .map(d -> openLineage.newInputDatasetBuilder()
                                .namespace(d.namespace()).name(d.name()).facets(facets(d)).build())
                        .toList())
                .outputs(event.outputs().stream()
                        .map(d -> openLineage.newOutputDatasetBuilder()
                                .namespace(d.namespace()).name(d.name()).facets(facets(d)).build())
                        .toList())
                .build();
    }

    private OpenLineage.DatasetFacets facets(LineageDataset dataset) {
        if (dataset.fields().isEmpty()) {
            return null;
        }
        List<OpenLineage.SchemaDatasetFacetFields> fields = dataset.fields().stream()
                .map(f -> openLineage.newSchemaDatasetFacetFieldsBuilder()
                        .name(f.name()).type(f.type()).description(f.description()).build())
                .toList();
        return openLineage.newDatasetFacetsBuilder().schema(openLineage.newSchemaDatasetFacet(fields)).build();
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (Exception e) {
            warnings.println("warning: Cannot close the lineage client: " + e.getMessage());
        }
    }
}
