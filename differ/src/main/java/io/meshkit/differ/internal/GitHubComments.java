package io.meshkit.differ.internal;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.differ.api.PullRequestComments;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Pattern;
import javax.inject.Inject;

/**
 * Pull-request comments through GitHub's REST API: {@code GET .../issues/{n}/comments} to find the
 * earlier comment by its hidden marker, then {@code PATCH .../issues/comments/{id}} or
 * {@code POST .../issues/{n}/comments}. The token is sent only in the Authorization header and never
 * appears in a message.
 */
public final class GitHubComments implements PullRequestComments {
    private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");
    private static final int PAGE_SIZE = 100;
    private static final int MAX_PAGES = 30;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Where and as whom to post.
     *
     * @param apiBase the API root, e.g. {@code https://api.github.com} ({@code GITHUB_API_URL})
     * @param token the token ({@code GITHUB_TOKEN}), or null when unset
     */
    public record Settings(URI apiBase, String token) {
        /** Never shows the token. */
        @Override
        public String toString() {
            return "Settings[apiBase=" + apiBase + ", token=" + (token == null ? "unset" : "***") + "]";
        }

        /** From {@code GITHUB_API_URL} (default {@code https://api.github.com}) and {@code GITHUB_TOKEN}. */
        public static Settings fromEnvironment() {
            String base = System.getenv("GITHUB_API_URL");
            return new Settings(URI.create(base == null || base.isBlank() ? "https://api.github.com" : base.trim()), System.getenv("GITHUB_TOKEN"));
        }
    }

    private final Settings settings;
    private final HttpClient http;

    /** A client with these settings. */
    @Inject
    public GitHubComments(Settings settings) {
        this.settings = requireNonNull(settings, "settings is null");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    @Override
    public Posted post(String repository, int pullRequest, String marker, String body) {
        String what = "Cannot post diff to pull request " + repository + "#" + pullRequest;
        if (repository == null || !REPOSITORY.matcher(repository).matches()) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot post diff to a pull request: repository must be OWNER/NAME"
                    + " (--repo or GITHUB_REPOSITORY), got " + (repository == null ? "nothing" : "'" + repository + "'"));
        }
        if (pullRequest <= 0) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot post diff to a pull request: give its number with --pr");
        }
        if (settings.token() == null || settings.token().isBlank()) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, what + ": GITHUB_TOKEN is not set");
        }
        String base = settings.apiBase().toString().replaceAll("/+$", "");
        String issue = base + "/repos/" + repository + "/issues/" + pullRequest;
        Long existing = null;
        for (int page = 1; page <= MAX_PAGES && existing == null; page++) {
            JsonNode comments = send(what, request(URI.create(issue + "/comments?per_page=" + PAGE_SIZE + "&page=" + page)).GET().build());
            for (JsonNode c : comments) {
                if (c.path("body").asText("").contains(marker)) {
                    existing = c.path("id").asLong();
                    break;
                }
            }
            if (comments.size() < PAGE_SIZE) {
                break;
            }
        }
        String payload = JSON.createObjectNode().put("body", body).toString();
        HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.ofString(payload);
        JsonNode result = existing == null
                ? send(what, request(URI.create(issue + "/comments")).POST(publisher).build())
                : send(what, request(URI.create(base + "/repos/" + repository + "/issues/comments/" + existing))
                        .method("PATCH", publisher).build());
        return new Posted(result.path("html_url").asText(""), existing == null);
    }

    private HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", "2022-11-28")
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + settings.token());
    }

    private JsonNode send(String what, HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new MeshkitException(ErrorCode.SERVICE_FAILURE, what + ": " + request.uri().getHost() + " did not answer ("
                    + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MeshkitException(ErrorCode.SERVICE_FAILURE, what + ": interrupted", e);
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            String hint = status == 401 ? " (bad or expired GITHUB_TOKEN)" : status == 403 ? " (the token may lack pull-requests: write)"
                    : status == 404 ? " (no such repository or pull request, or the token cannot see it)" : "";
            throw new MeshkitException(ErrorCode.SERVICE_FAILURE, what + ": GitHub answered HTTP " + status + hint);
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new MeshkitException(ErrorCode.SERVICE_FAILURE, what + ": GitHub's answer is not JSON", e);
        }
    }
}
