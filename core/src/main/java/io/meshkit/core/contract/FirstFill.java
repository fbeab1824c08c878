package io.meshkit.core.contract;

import io.meshkit.core.type.OdcsEnum;
import java.util.Optional;

/**
 * What a dimension does when a key's value of a column goes from NULL to a value, as when a column added to a
 * contract is first filled ({@code meshkit.firstFill} on the property); {@code VERSION} unless given.
 */
public enum FirstFill implements OdcsEnum {
    /** Close the current version and open one with the value: history says the value was unknown before. */
    VERSION,
    /** Write the value into the current version in place (closed versions keep NULL); later changes open versions. */
    FILL;

    /** The constant for a value as written in a contract, ignoring case. */
    public static Optional<FirstFill> fromOdcs(String value) {
        return OdcsEnum.fromOdcs(FirstFill.class, value);
    }
}
