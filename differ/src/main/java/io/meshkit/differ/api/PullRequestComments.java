package io.meshkit.differ.api;

/** Where a diff is posted for reviewers: one comment per pair of tables on a pull request, kept up to date. */
public interface PullRequestComments {
    /** What a post did. */
    record Posted(String url, boolean created) {}

    /**
     * Posts {@code body} on a pull request, or updates the earlier comment that contains {@code marker}.
     *
     * @param repository {@code owner/name}
     */
    Posted post(String repository, int pullRequest, String marker, String body);
}
