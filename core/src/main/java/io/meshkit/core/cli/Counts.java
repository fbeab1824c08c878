package io.meshkit.core.cli;

/** A count and its noun, in the singular for one: {@code 1 row}, {@code 0 rows}, {@code 3 datasets}. */
public final class Counts {
    private Counts() {}

    /** {@code n} and {@code noun}, with an {@code s} unless {@code n} is 1. */
    public static String of(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
