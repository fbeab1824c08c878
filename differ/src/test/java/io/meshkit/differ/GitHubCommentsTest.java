package io.meshkit.differ;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.differ.internal.GitHubComments;
import io.meshkit.differ.api.PullRequestComments;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GitHub's issue-comment API played by the JDK's HTTP server. */
class GitHubCommentsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private HttpServer server;
    private final List<String> requests = new ArrayList<>();
    private final List<String> authorizations = new ArrayList<>();
    private final ArrayNode comments = JSON.createArrayNode();
    private final AtomicInteger nextId = new AtomicInteger(100);
    private volatile int forcedStatus;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
        // someone else's comment is already there
        comments.addObject().put("id", 1).put("body", "LGTM").put("html_url", "http://x/1");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private synchronized void handle(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getPath();
        requests.add(method + " " + ex.getRequestURI());
        authorizations.add(ex.getRequestHeaders().getFirst("Authorization"));
        if (forcedStatus != 0) {
            reply(ex, forcedStatus, "{\"message\":\"Bad credentials\"}");
            return;
        }
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (method.equals("GET") && path.equals("/repos/acme/data/issues/7/comments")) {
            reply(ex, 200, comments.toString());
        } else if (method.equals("POST") && path.equals("/repos/acme/data/issues/7/comments")) {
            int id = nextId.incrementAndGet();
            ObjectNode c = comments.addObject().put("id", id).put("body", JSON.readTree(body).path("body").asText())
                    .put("html_url", "http://x/" + id);
            reply(ex, 201, c.toString());
        } else if (method.equals("PATCH") && path.startsWith("/repos/acme/data/issues/comments/")) {
            long id = Long.parseLong(path.substring(path.lastIndexOf('/') + 1));
            for (JsonNode c : comments) {
                if (c.path("id").asLong() == id) {
                    ((ObjectNode) c).put("body", JSON.readTree(body).path("body").asText());
                    reply(ex, 200, c.toString());
                    return;
                }
            }
            reply(ex, 404, "{}");
        } else {
            reply(ex, 404, "{}");
        }
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    private GitHubComments client(String token) {
        return new GitHubComments(new GitHubComments.Settings(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"), token));
    }

    @Test
    void postsOnceThenUpdatesTheSameComment() {
        GitHubComments gh = client("s3cret-token");
        PullRequestComments.Posted first = gh.post("acme/data", 7, "<!-- meshkit-diff a vs b -->", "<!-- meshkit-diff a vs b -->\nfirst");
        assertThat(first.created()).isTrue();
        PullRequestComments.Posted second = gh.post("acme/data", 7, "<!-- meshkit-diff a vs b -->", "<!-- meshkit-diff a vs b -->\nsecond");
        assertThat(second.created()).isFalse();
        assertThat(second.url()).isEqualTo(first.url());
        assertThat(comments).hasSize(2);
        assertThat(comments.get(1).path("body").asText()).endsWith("second");
        // another pair of tables gets its own comment
        gh.post("acme/data", 7, "<!-- meshkit-diff c vs d -->", "<!-- meshkit-diff c vs d -->\nother");
        assertThat(comments).hasSize(3);
        assertThat(requests).filteredOn(r -> r.startsWith("PATCH")).hasSize(1);
        assertThat(requests).filteredOn(r -> r.startsWith("GET")).allSatisfy(r -> assertThat(r).contains("per_page=100"));
        assertThat(authorizations).containsOnly("Bearer s3cret-token");
    }

    @Test
    void failuresNeverShowTheToken() {
        forcedStatus = 401;
        assertThatThrownBy(() -> client("s3cret-token").post("acme/data", 7, "m", "body"))
                .isInstanceOf(MeshkitException.class)
                .hasMessage("Cannot post diff to pull request acme/data#7: GitHub answered HTTP 401 (bad or expired GITHUB_TOKEN)")
                .satisfies(e -> assertThat(((MeshkitException) e).code()).isEqualTo(ErrorCode.SERVICE_FAILURE));
        assertThat(new GitHubComments.Settings(URI.create("http://x"), "s3cret-token").toString()).doesNotContain("s3cret");
        assertThatThrownBy(() -> client(null).post("acme/data", 7, "m", "body")).hasMessageContaining("GITHUB_TOKEN is not set");
        assertThatThrownBy(() -> client("t").post("not a repo", 7, "m", "body"))
                .isInstanceOf(MeshkitException.class).hasMessageContaining("OWNER/NAME");
    }
}
