package io.meshkit.differ.di;

import io.meshkit.differ.api.PullRequestComments;
import io.meshkit.differ.internal.GitHubComments;

/** Where a diff's pull-request comment goes, for callers that do not build the Dagger component (the pipeline runner). */
public final class PullRequests {
    private PullRequests() {}

    /** GitHub's REST API, from {@code GITHUB_API_URL} (default https://api.github.com) and {@code GITHUB_TOKEN}. */
    public static PullRequestComments gitHubFromEnvironment() {
        return new GitHubComments(GitHubComments.Settings.fromEnvironment());
    }
}
