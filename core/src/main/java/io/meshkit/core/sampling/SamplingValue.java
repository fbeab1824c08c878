package io.meshkit.core.sampling;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The sampling value of a key: the same number on every warehouse and in Java, so a user sampled in
 * one table is sampled in every table keyed by that user, and a 1% sample is a subset of the 10% one.
 *
 * <p>Definition: take the MD5 digest of the UTF-8 bytes of the key's canonical text (for integers
 * their decimal form, for strings the string itself); read its first 8 bytes as an unsigned
 * big-endian 64-bit integer {@code u}; the sampling value is {@code floor(u / 2^11) / 2^53}. That is
 * {@code u / 2^64} kept to the 53 bits a DOUBLE holds exactly, so every engine computes the same bits
 * and the value is always in [0, 1). A row is in the sample of rate {@code r} when its sampling value
 * is below {@code r}.
 */
public final class SamplingValue {
    private static final double TWO_POW_MINUS_53 = 0x1.0p-53;

    private SamplingValue() {}

    /** The sampling value of a key's canonical text. */
    public static double of(String canonicalKey) {
        byte[] digest = md5().digest(canonicalKey.getBytes(StandardCharsets.UTF_8));
        long u = 0;
        for (int i = 0; i < 8; i++) {
            u = (u << 8) | (digest[i] & 0xffL);
        }
        return (u >>> 11) * TWO_POW_MINUS_53;
    }

    /** The sampling value of an integer key. */
    public static double of(long key) {
        return of(Long.toString(key));
    }

    /** Whether a key is in the sample of the given rate (a fraction in [0, 1]). */
    public static boolean isSampled(String canonicalKey, double rate) {
        return of(canonicalKey) < rate;
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5", e);
        }
    }
}
