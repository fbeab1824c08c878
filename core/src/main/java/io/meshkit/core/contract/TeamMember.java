package io.meshkit.core.contract;

/**
 * A member of the owning team.
 *
 * @param username the user name, or null
 * @param name the display name, or null
 * @param role the role, e.g. {@code owner}, or null
 */
public record TeamMember(String username, String name, String role) {}
