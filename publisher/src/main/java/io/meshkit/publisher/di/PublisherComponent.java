package io.meshkit.publisher.di;

import dagger.BindsInstance;
import dagger.Component;
import io.meshkit.core.cli.CommandComponent;
import io.meshkit.core.config.MeshkitConfig;
import io.meshkit.core.di.CoreModule;
import io.meshkit.publisher.api.Publisher;
import io.meshkit.publisher.api.PublishListener;
import java.time.Clock;
import javax.inject.Singleton;

/** The services of one {@code meshkit-publish} command, built inside its {@code call()}. */
@Singleton
@Component(modules = {CoreModule.class, PublisherModule.class})
public interface PublisherComponent extends CommandComponent {
    /** The publisher over the configured warehouse. */
    Publisher publisher();

    /** Builds the component. */
    @Component.Factory
    interface Factory {
        /** Builds the component for a configuration. */
        PublisherComponent create(@BindsInstance MeshkitConfig config, @BindsInstance Clock clock, @BindsInstance PublishListener listener);
    }

    /** The component for a configuration, with the system clock. */
    static PublisherComponent of(MeshkitConfig config) {
        return of(config, PublishListener.NONE);
    }

    /** The component for a configuration, with the system clock, telling {@code listener} each phase. */
    static PublisherComponent of(MeshkitConfig config, PublishListener listener) {
        return DaggerPublisherComponent.factory().create(config, Clock.systemUTC(), listener);
    }
}
