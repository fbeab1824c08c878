package io.meshkit.cli.pipeline;

import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A step's {@code args:}, read against the options its kind takes ({@link StepKind#options()}): each
 * option known, each value of the right type. {@link PipelineReader} parses them when it reads the
 * file (a mistake is an error at the file's line and column; a value holding {@code ${VAR}} is checked
 * once expanded, at run time), and each step maps them onto its tool's typed request. No argv is
 * passed on: the names are the ones of the tool's command, so that a step reads like the command a
 * user could run by hand.
 */
public final class StepOptions {
    /** An option a step kind takes in {@code args:}. */
    public record Option(String name, Type type, String label) {
        static Option flag(String name) {
            return new Option(name, Type.FLAG, "");
        }

        static Option of(String name, Type type, String label) {
            return new Option(name, type, label);
        }

        String usage() {
            return type == Type.FLAG ? name : name + " " + label;
        }
    }

    /** What an option's value is; a {@code CHOICE} is one of the words of its label ({@code fail|single}), in any case. */
    public enum Type {
        FLAG, TEXT, INTEGER, NUMBER, TABLE, COLUMNS, DURATION, INSTANT, SEVERITY, EXPECT, ZONE, CHOICE
    }

    private final Map<String, List<String>> values;
    private final List<String> raw;

    private StepOptions(Map<String, List<String>> values, List<String> raw) {
        this.values = values;
        this.raw = List.copyOf(raw);
    }

    /**
     * Reads {@code args} for a step of {@code kind}.
     *
     * @throws IllegalArgumentException saying what is wrong, in words for the user
     */
    public static StepOptions parse(StepKind kind, List<String> args) {
        List<Option> known = kind.options();
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String token = args.get(i);
            String name = token;
            String value = null;
            int eq = token.indexOf('=');
            if (token.startsWith("--") && eq > 0) {
                name = token.substring(0, eq);
                value = token.substring(eq + 1);
            }
            String n = name;
            Optional<Option> option = known.stream().filter(o -> o.name().equals(n)).findFirst();
            if (option.isEmpty()) {
                throw new IllegalArgumentException((token.startsWith("-") ? "unknown option '" + name + "'" : "unexpected value '" + token + "'")
                        + " in args of a " + kind.yamlName() + " step (" + takes(kind) + ")");
            }
            Option o = option.get();
            if (o.type() == Type.FLAG) {
                if (value != null) {
                    throw new IllegalArgumentException("option " + name + " of a " + kind.yamlName() + " step takes no value");
                }
                value = "true";
            } else if (value == null) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException("option " + name + " of a " + kind.yamlName() + " step needs a value (" + o.usage() + ")");
                }
                value = args.get(++i);
            }
            if (!value.contains("${")) {
                check(o, value);
            }
            values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return new StepOptions(values, args);
    }

    /** What a kind takes, for messages. */
    static String takes(StepKind kind) {
        return kind.options().isEmpty() ? "it takes no options"
                : "it takes " + String.join(", ", kind.options().stream().map(Option::usage).toList());
    }

    /** Checks a value against its option's type. */
    static void check(Option o, String value) {
        String v = value.trim();
        try {
            switch (o.type()) {
                case INTEGER -> Integer.parseInt(v);
                case NUMBER -> Double.parseDouble(v);
                case TABLE -> TableId.parse(v);
                case COLUMNS -> parseColumns(v);
                case DURATION -> parseDuration(v);
                case INSTANT -> Instant.parse(v);
                case SEVERITY -> severity(v);
                case EXPECT -> expectNoChange(v);
                case ZONE -> ZoneId.of(v);
                case CHOICE -> {
                    if (!List.of(o.label().split("\\|")).contains(v.toLowerCase(Locale.ROOT))) {
                        throw new IllegalArgumentException(v);
                    }
                }
                default -> { }
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("option " + o.name() + " takes " + o.label() + ", not '" + value + "'", e);
        }
    }

    /** The options with every {@code ${VAR}} of their values expanded, each value checked again. */
    public StepOptions expanded(StepKind kind, UnaryOperator<String> expand) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        values.forEach((name, vs) -> {
            Option o = kind.options().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
            List<String> e = new ArrayList<>();
            for (String v : vs) {
                String x = expand.apply(v);
                check(o, x);
                e.add(x);
            }
            out.put(name, e);
        });
        return new StepOptions(out, raw);
    }

    /** The args as written in the file (for the command line shown, where {@code ${VAR}} stays a name). */
    public List<String> raw() {
        return raw;
    }

    /** Whether a flag (or any option) is given. */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The last value of an option. */
    public Optional<String> text(String name) {
        List<String> v = values.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(v.size() - 1).trim());
    }

    /** An integer option. */
    public Optional<Integer> integer(String name) {
        return text(name).map(Integer::parseInt);
    }

    /** A number option. */
    public Optional<Double> number(String name) {
        return text(name).map(Double::parseDouble);
    }

    /** A table option. */
    public Optional<TableId> table(String name) {
        return text(name).map(TableId::parse);
    }

    /** A comma-separated list of columns, over every time the option is given. */
    public List<ColumnName> columns(String name) {
        List<ColumnName> out = new ArrayList<>();
        values.getOrDefault(name, List.of()).forEach(v -> out.addAll(parseColumns(v)));
        return out;
    }

    /** A duration option: 90s, 10m, 1h, 2d or ISO-8601. */
    public Optional<Duration> duration(String name) {
        return text(name).map(StepOptions::parseDuration);
    }

    /** A time zone option. */
    public Optional<ZoneId> zone(String name) {
        return text(name).map(ZoneId::of);
    }

    /** An instant option (ISO-8601). */
    public Optional<Instant> instant(String name) {
        return text(name).map(Instant::parse);
    }

    private static List<ColumnName> parseColumns(String v) {
        List<ColumnName> out = new ArrayList<>();
        for (String c : v.split(",")) {
            if (!c.isBlank()) {
                out.add(ColumnName.of(c.trim()));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no column");
        }
        return out;
    }

    static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("p")) {
            return Duration.parse(t.toUpperCase(Locale.ROOT));
        }
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        Duration d = switch (t.charAt(t.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            case 'd' -> Duration.ofDays(n);
            default -> throw new IllegalArgumentException("unit");
        };
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("not positive");
        }
        return d;
    }

    /** {@code warn} or {@code fail}. */
    public static String severity(String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        if (!s.equals("warn") && !s.equals("fail")) {
            throw new IllegalArgumentException(v);
        }
        return s;
    }

    /** Whether {@code --expect} asks for no change ({@code no-change}) rather than any ({@code any}). */
    public static boolean expectNoChange(String v) {
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "any" -> false;
            case "no-change", "no_change", "none" -> true;
            default -> throw new IllegalArgumentException(v);
        };
    }
}
