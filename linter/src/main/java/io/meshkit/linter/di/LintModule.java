package io.meshkit.linter.di;

import dagger.Binds;
import dagger.Module;
import io.meshkit.linter.api.Linter;
import io.meshkit.linter.internal.DefaultLinter;

/** Binds the linter's services. */
@Module
public interface LintModule {
    /** The linter. */
    @Binds
    Linter linter(DefaultLinter linter);
}
