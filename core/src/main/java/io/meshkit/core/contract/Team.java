package io.meshkit.core.contract;

import java.util.List;

/**
 * The owning team. ODCS v3.0 writes {@code team} as a list of members (the name is then null); v3.1 as an
 * object with {@code name} and {@code members}.
 *
 * @param name the team name, or null
 * @param members the members
 */
public record Team(String name, List<TeamMember> members) {
    /** Copies the members. */
    public Team {
        members = CollectionsUtil.list(members);
    }
}
