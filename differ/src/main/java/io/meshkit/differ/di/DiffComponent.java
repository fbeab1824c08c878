package io.meshkit.differ.di;

import dagger.BindsInstance;
import dagger.Component;
import io.meshkit.core.cli.CommandComponent;
import io.meshkit.core.config.MeshkitConfig;
import io.meshkit.core.di.CoreModule;
import io.meshkit.differ.api.PullRequestComments;
import io.meshkit.differ.internal.GitHubComments;
import java.time.Clock;
import javax.inject.Singleton;

/** What {@code meshkit-diff} uses, built inside {@code call()}. */
@Singleton
@Component(modules = {CoreModule.class, DifferModule.class})
public interface DiffComponent extends CommandComponent {
    /** Where the PR comment goes. */
    PullRequestComments pullRequestComments();

    /** Builds the component. */
    @Component.Factory
    interface Factory {
        /** A component for a configuration, a clock and GitHub's settings. */
        DiffComponent create(@BindsInstance MeshkitConfig config, @BindsInstance Clock clock,
                @BindsInstance GitHubComments.Settings gitHub);
    }

    /** The component for a configuration, with the system clock and GitHub's settings from the environment. */
    static DiffComponent of(MeshkitConfig config) {
        return DaggerDiffComponent.factory().create(config, Clock.systemUTC(), GitHubComments.Settings.fromEnvironment());
    }
}
