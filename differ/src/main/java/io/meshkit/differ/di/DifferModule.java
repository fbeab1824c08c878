package io.meshkit.differ.di;

import dagger.Binds;
import dagger.Module;
import io.meshkit.differ.api.PullRequestComments;
import io.meshkit.differ.internal.GitHubComments;

/** The differ's services: pull-request comments go to GitHub. */
@Module
public interface DifferModule {
    /** GitHub's REST API keeps the PR comment. */
    @Binds
    PullRequestComments pullRequestComments(GitHubComments gitHub);
}
