package io.meshkit.core.cli;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The formats a command with {@code --format} ({@link FormatOption}) prints, its default first, e.g.
 * {@code @Formats({TABLE, CSV, JSON})}. {@link CliSupport#configure} writes them into the command's
 * {@code --help} and refuses any other at parse time, so what the help says is what the command accepts.
 * The format for people answers to both its names: where the default is {@code table} and {@code text} is not
 * listed, {@code text} is taken as {@code table}, and where the default is {@code text} and {@code table} is not
 * listed, {@code table} is taken as {@code text}; so either name works on every command.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Formats {
    /** The formats the command prints; the first is the default. */
    OutputFormat[] value();
}
