package io.meshkit.publisher.cli;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.publisher.api.PublishPolicy;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.Option;

/** {@code --lease-ttl}: how long a dataset's lease outlives a process that died holding it. */
final class LeaseOption {
    @Option(names = "--lease-ttl", paramLabel = "DURATION", defaultValue = "1h",
            description = "How long the dataset's lease outlives a crashed process: 90s, 10m, 1h or ISO-8601 (default ${DEFAULT-VALUE}).")
    String leaseTtl;

    Duration ttl() {
        return duration(leaseTtl);
    }

    /** The default policy with this lease time-to-live (for stage, which neither audits nor keeps versions). */
    PublishPolicy policy() {
        return PublishPolicy.defaults(actor()).withLeaseTtl(ttl());
    }

    static Duration duration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("p")) {
                return inRange(text, Duration.parse(t.toUpperCase(Locale.ROOT)));
            }
            long n = Long.parseLong(t.substring(0, t.length() - (t.endsWith("ms") ? 2 : 1)));
            if (t.endsWith("ms")) {
                return Duration.ofMillis(n);
            }
            Duration d = switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> throw new NumberFormatException();
            };
            return inRange(text, d);
        } catch (MeshkitException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot read duration '" + text + "': expected e.g. 90s, 10m, 1h or PT1H", e);
        }
    }

    private static final Duration MAX_TTL = Duration.ofDays(366);

    private static Duration inRange(String text, Duration d) {
        if (d.isNegative() || d.isZero() || d.compareTo(MAX_TTL) > 0) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot use --lease-ttl '" + text
                    + "': it must be more than 0 and at most 366d");
        }
        return d;
    }

    /** Who publishes: {@code MESHKIT_ACTOR} (e.g. the CI identity), else the user name. */
    static String actor() {
        String env = System.getenv("MESHKIT_ACTOR");
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        return System.getProperty("user.name", "unknown");
    }
}
