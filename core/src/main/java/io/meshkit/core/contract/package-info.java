/**
 * The data contract: an Open Data Contract Standard (ODCS) v3 file read into immutable records.
 *
 * <p>{@link io.meshkit.core.contract.ContractReader} reads the v3.0.x and v3.1.0 forms and reports every problem as
 * {@code path:line:column: message}; {@link io.meshkit.core.contract.ContractWriter} writes v3.1.0. meshkit's own
 * settings are ODCS {@code customProperties} under {@code meshkit.*} keys and appear here as typed fields.
 */
package io.meshkit.core.contract;
