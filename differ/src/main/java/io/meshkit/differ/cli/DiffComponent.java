package io.meshkit.differ.cli;

import dagger.BindsInstance;
import dagger.Component;
import io.meshkit.core.config.MeshkitConfig;
import io.meshkit.core.di.CoreModule;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.differ.api.PullRequestComments;
import io.meshkit.differ.di.DifferModule;
import io.meshkit.differ.internal.GitHubComments;
import java.time.Clock;
import javax.inject.Singleton;

/** What {@code meshkit-diff} uses, built inside {@code call()}. */
@Singleton
@Component(modules = {CoreModule.class, DifferModule.class})
interface DiffComponent {
    /** The configured warehouse; the command closes it. */
    Warehouse warehouse();

    /** Where the PR comment goes. */
    PullRequestComments pullRequestComments();

    /** Builds the component. */
    @Component.Factory
    interface Factory {
        DiffComponent create(@BindsInstance MeshkitConfig config, @BindsInstance Clock clock,
                @BindsInstance GitHubComments.Settings gitHub);
    }

    static DiffComponent of(MeshkitConfig config, GitHubComments.Settings gitHub) {
        return DaggerDiffComponent.factory().create(config, Clock.systemUTC(), gitHub);
    }
}
