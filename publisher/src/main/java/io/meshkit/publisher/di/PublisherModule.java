package io.meshkit.publisher.di;

import dagger.Binds;
import dagger.Module;
import io.meshkit.publisher.api.Publisher;
import io.meshkit.publisher.internal.DefaultPublisher;

/** Binds the publisher's services; the warehouse, run log and clock come from core's {@code CoreModule}. */
@Module
public interface PublisherModule {
    /** The publisher. */
    @Binds
    Publisher publisher(DefaultPublisher publisher);
}
