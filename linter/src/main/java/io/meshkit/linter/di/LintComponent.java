package io.meshkit.linter.di;

import dagger.BindsInstance;
import dagger.Component;
import io.meshkit.core.cli.CommandComponent;
import io.meshkit.core.config.MeshkitConfig;
import io.meshkit.core.di.CoreModule;
import io.meshkit.linter.api.Conventions;
import io.meshkit.linter.api.Linter;
import javax.inject.Singleton;

/** What {@code meshkit-lint} uses; the warehouse is opened only when asked for (drift checks). */
@Singleton
@Component(modules = {LintModule.class, CoreModule.class})
public interface LintComponent extends CommandComponent {
    /** The linter for the conventions. */
    Linter linter();

    /** Builds the component. */
    @Component.Factory
    interface Factory {
        /** A component for these conventions and configuration. */
        LintComponent create(@BindsInstance Conventions conventions, @BindsInstance MeshkitConfig config);
    }

    /** The component. */
    static LintComponent of(Conventions conventions, MeshkitConfig config) {
        return DaggerLintComponent.factory().create(conventions, config);
    }
}
