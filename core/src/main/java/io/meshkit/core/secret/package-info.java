/**
 * The secret policy: {@link io.meshkit.core.secret.SourceUrl} finds every secret a source URL can
 * carry, {@link io.meshkit.core.secret.Secrets#redact} keeps them out of everything meshkit shows or
 * writes. SECURITY.md at the repository root states the policy.
 */
package io.meshkit.core.secret;
