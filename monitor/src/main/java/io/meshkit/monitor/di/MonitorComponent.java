package io.meshkit.monitor.di;

import dagger.BindsInstance;
import dagger.Component;
import io.meshkit.core.cli.CommandComponent;
import io.meshkit.core.config.MeshkitConfig;
import io.meshkit.core.di.CoreModule;
import io.meshkit.monitor.api.AlertSink;
import io.meshkit.monitor.api.Monitor;
import io.meshkit.monitor.api.MonitorSettings;
import java.time.Clock;
import java.util.List;
import javax.inject.Singleton;

/** The monitor's services for one command; the command closes the warehouse. */
@Singleton
@Component(modules = {CoreModule.class, MonitorModule.class})
public interface MonitorComponent extends CommandComponent {
    /** The monitor. */
    Monitor monitor();

    /** The run log it reads. */
    io.meshkit.core.runlog.RunLog runLog();

    /** Builds the component. */
    @Component.Factory
    interface Factory {
        /** A component for a configuration, clock, monitor settings and sinks. */
        MonitorComponent create(@BindsInstance MeshkitConfig config, @BindsInstance Clock clock, @BindsInstance MonitorSettings settings,
                @BindsInstance List<AlertSink> sinks);
    }

    /** The factory. */
    static Factory factory() {
        return DaggerMonitorComponent.factory();
    }
}
