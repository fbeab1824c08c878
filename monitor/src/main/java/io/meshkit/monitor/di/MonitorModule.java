package io.meshkit.monitor.di;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import io.meshkit.monitor.api.Monitor;
import io.meshkit.monitor.internal.MonitorService;
import io.meshkit.monitor.internal.Sleeper;

/** Binds the monitor's services. */
@Module
public abstract class MonitorModule {
    private MonitorModule() {}

    /** The monitor. */
    @Binds
    abstract Monitor monitor(MonitorService service);

    /** Real waits between delivery attempts. */
    @Provides
    static Sleeper sleeper() {
        return Sleeper.system();
    }
}
