package io.meshkit.core.yaml;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.meshkit.core.contract.SourceLocation;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * The one way meshkit reads a YAML file it is given (contracts, pipelines, golden tests, monitor
 * settings, {@code meshkit.yaml}, lint conventions), with limits, so that no file is an internal
 * error: at most {@link #MAX_BYTES} bytes, UTF-8 only (an invalid byte is refused at its line and
 * column), at most {@link #MAX_DEPTH} levels of nesting and {@link #MAX_ALIASES} aliases (an alias
 * bomb stops at once). Every failure is a {@link YamlInputException} at {@code file:line:column},
 * which the readers turn into their own exit-2 error.
 */
public final class YamlInput {
    /** The largest file read: far above any real contract or pipeline, far below what would take seconds to refuse. */
    public static final int MAX_BYTES = 2 * 1024 * 1024;
    /** The deepest nesting read. */
    public static final int MAX_DEPTH = 64;
    /** The most aliases read in one document. */
    public static final int MAX_ALIASES = 50;

    private static final YAMLFactory FACTORY = YAMLFactory.builder()
            .loaderOptions(loaderOptions())
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build();

    private YamlInput() {}

    /** SnakeYAML options with meshkit's limits. */
    public static LoaderOptions loaderOptions() {
        LoaderOptions o = new LoaderOptions();
        o.setMaxAliasesForCollections(MAX_ALIASES);
        o.setNestingDepthLimit(MAX_DEPTH);
        o.setCodePointLimit(MAX_BYTES);
        o.setAllowRecursiveKeys(false);
        return o;
    }

    /** A Jackson YAML factory with meshkit's limits. */
    public static YAMLFactory factory() {
        return FACTORY;
    }

    /**
     * A file's text: refused when it is missing, a directory, unreadable, larger than
     * {@link #MAX_BYTES} or not UTF-8 (at the line and column of the first bad byte).
     */
    public static String read(Path file) {
        String shown = file.toString();
        if (Files.isDirectory(file)) {
            throw new YamlInputException(new SourceLocation(shown, 1, 1), "it is a directory, not a YAML file");
        }
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new YamlInputException(new SourceLocation(shown, 1, 1), "the file is " + size + " bytes; at most "
                        + MAX_BYTES + " are read");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new YamlInputException(new SourceLocation(shown, 1, 1), "no such file");
        } catch (AccessDeniedException e) {
            throw new YamlInputException(new SourceLocation(shown, 1, 1), "permission denied");
        } catch (IOException e) {
            throw new YamlInputException(new SourceLocation(shown, 1, 1), "cannot read it (" + e.getClass().getSimpleName() + ")");
        }
        return decode(shown, bytes);
    }

    /** UTF-8 text of these bytes, or the location of the first byte that is not UTF-8. */
    public static String decode(String shown, byte[] bytes) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            String text = d.decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            int bad = firstInvalid(bytes);
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < bad; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            int column = 1 + new String(bytes, lineStart, bad - lineStart, StandardCharsets.UTF_8).length();
            throw new YamlInputException(new SourceLocation(shown, line, column), "the file is not UTF-8 (byte 0x"
                    + String.format("%02X", bytes[bad] & 0xff) + ")");
        }
    }

    private static int firstInvalid(byte[] bytes) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
        int lo = 0;
        int hi = bytes.length;
        // the longest valid prefix, by bisection (decoding is linear; files are small)
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            try {
                d.reset().decode(ByteBuffer.wrap(bytes, 0, mid));
                lo = mid;
            } catch (CharacterCodingException e) {
                hi = mid - 1;
            }
        }
        // a prefix may end inside a valid multi-byte sequence: back up to its lead byte
        int i = Math.min(lo, bytes.length - 1);
        while (i > 0 && (bytes[i] & 0xC0) == 0x80) {
            i--;
        }
        return i;
    }

    /** A file read into a Jackson tree with every check and limit; a failure is a {@link YamlInputException}. */
    public static com.fasterxml.jackson.databind.JsonNode readTree(Path file) {
        String text = read(file);
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper(FACTORY).readTree(text);
        } catch (IOException | RuntimeException e) {
            throw failure(file.toString(), e);
        }
    }

    /**
     * Where a parser failure happened and what it was, for any exception a YAML parser throws
     * (SnakeYAML's marked errors, its limits, Jackson's constraints).
     */
    public static YamlInputException failure(String shown, Throwable e) {
        Throwable t = e;
        while (t != null) {
            if (t instanceof YamlInputException y) {
                return y;
            }
            if (t instanceof MarkedYAMLException y) {
                Mark mark = y.getProblemMark() != null ? y.getProblemMark() : y.getContextMark();
                String message = y.getProblem() == null ? "malformed YAML" : y.getProblem();
                if (y.getContext() != null) {
                    message += " (" + y.getContext() + ")";
                }
                return new YamlInputException(new SourceLocation(shown, mark == null ? 1 : mark.getLine() + 1,
                        mark == null ? 1 : mark.getColumn() + 1), "invalid YAML: " + clean(message));
            }
            if (t instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null
                    && j.getLocation().getLineNr() > 0 && !(t.getCause() instanceof MarkedYAMLException)) {
                return new YamlInputException(new SourceLocation(shown, j.getLocation().getLineNr(), Math.max(1, j.getLocation().getColumnNr())),
                        "invalid YAML: " + clean(j.getOriginalMessage()));
            }
            t = t.getCause() == t ? null : t.getCause();
        }
        return new YamlInputException(new SourceLocation(shown, 1, 1), "invalid YAML: " + clean(e.getMessage()));
    }

    private static String clean(String message) {
        if (message == null || message.isBlank()) {
            return "malformed YAML";
        }
        int source = message.indexOf(" at [Source:");
        String m = source >= 0 ? message.substring(0, source) : message;
        m = m.replaceAll("\\s+", " ").trim();
        return m.length() > 200 ? m.substring(0, 197) + "..." : m;
    }
}
