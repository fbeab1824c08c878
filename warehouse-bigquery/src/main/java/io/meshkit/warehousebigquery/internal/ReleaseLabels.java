package io.meshkit.warehousebigquery.internal;

import io.meshkit.core.identifier.Namespace;
import io.meshkit.core.identifier.TableId;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The labels with which a production table says which release it serves. A label value holds at
 * most 63 lowercase letters, digits, {@code -} and {@code _}, and table names are case-sensitive
 * and may hold almost any character, so a release is written as {@code hex(dataset)-hex(table)}
 * (UTF-8), split over numbered labels {@code meshkit-serves-0}, {@code meshkit-serves-1}, … of 63
 * characters each.
 *
 * <p>While a promotion runs, the release it copies and the id of its copy job are kept beside the
 * served release ({@code meshkit-pending-*}, {@code meshkit-pending-job}): a reader of the labels
 * asks BigQuery whether that job committed, so the answer is right even when the process died
 * between the copy and the label update that ends the promotion.
 */
final class ReleaseLabels {
    static final String SERVES = "meshkit-serves-";
    static final String PENDING = "meshkit-pending-";
    static final String PENDING_JOB = "meshkit-pending-job";
    /** Labels one release may use: 8 × 63 hex digits, about 250 bytes of dataset and table name. */
    static final int MAX_PARTS = 8;
    private static final int PART = 63;
    private static final HexFormat HEX = HexFormat.of();

    private ReleaseLabels() {}

    /** Whether a release's name fits in {@link #MAX_PARTS} labels. */
    static boolean fits(TableId release) {
        return encode(release).length() <= MAX_PARTS * PART;
    }

    private static String encode(TableId release) {
        return HEX.formatHex(release.namespace().name().getBytes(StandardCharsets.UTF_8)) + "-"
                + HEX.formatHex(release.name().getBytes(StandardCharsets.UTF_8));
    }

    /** The labels that start a promotion of {@code release} by the copy job {@code jobId}. */
    static Map<String, String> pending(TableId release, String jobId) {
        Map<String, String> labels = parts(PENDING, release);
        labels.put(PENDING_JOB, jobId);
        return labels;
    }

    /** The labels that end a promotion: {@code release} is served and nothing is pending. */
    static Map<String, String> served(TableId release) {
        Map<String, String> labels = parts(SERVES, release);
        for (int i = 0; i < MAX_PARTS; i++) {
            labels.put(PENDING + i, null);
        }
        labels.put(PENDING_JOB, null);
        return labels;
    }

    /** Writes the parts of a release, and removes (null) the unused numbered labels of that family. */
    private static Map<String, String> parts(String prefix, TableId release) {
        String encoded = encode(release);
        Map<String, String> labels = new HashMap<>();
        for (int i = 0; i < MAX_PARTS; i++) {
            int from = i * PART;
            labels.put(prefix + i, from < encoded.length() ? encoded.substring(from, Math.min(encoded.length(), from + PART)) : null);
        }
        return labels;
    }

    /** The release the labels say is served, if they say one. */
    static Optional<TableId> servedRelease(Map<String, String> labels) {
        return read(SERVES, labels);
    }

    /** The release a promotion started to copy, if one did and its labels were not cleared. */
    static Optional<TableId> pendingRelease(Map<String, String> labels) {
        return read(PENDING, labels);
    }

    /** The copy job of the pending promotion. */
    static Optional<String> pendingJob(Map<String, String> labels) {
        return Optional.ofNullable(labels == null ? null : labels.get(PENDING_JOB));
    }

    private static Optional<TableId> read(String prefix, Map<String, String> labels) {
        if (labels == null) {
            return Optional.empty();
        }
        StringBuilder encoded = new StringBuilder();
        for (int i = 0; i < MAX_PARTS && labels.get(prefix + i) != null; i++) {
            encoded.append(labels.get(prefix + i));
        }
        String[] halves = encoded.toString().split("-", -1);
        if (halves.length != 2 || halves[0].isEmpty() || halves[1].isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Namespace.of(new String(HEX.parseHex(halves[0]), StandardCharsets.UTF_8))
                    .table(new String(HEX.parseHex(halves[1]), StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // labels meshkit did not write
        }
    }
}
