package io.meshkit.core.contract;

/**
 * The ODCS {@code description} object.
 *
 * @param purpose what the data is for, or null
 * @param usage how to use it, or null
 * @param limitations what it must not be used for, or null
 */
public record Description(String purpose, String usage, String limitations) {
    /** A description with only a purpose. */
    public static Description of(String purpose) {
        return new Description(purpose, null, null);
    }
}
