package dev.atelier.identity;

import java.util.List;

/** What an account is on the platform. An admin may do everything a reviewer may. */
public enum Role {
    CREATOR, CLIENT, REVIEWER, ADMIN;

    /** The Spring Security authorities this role grants. */
    public List<String> authorities() {
        return switch (this) {
            case ADMIN -> List.of("ROLE_ADMIN", "ROLE_REVIEWER");
            default -> List.of("ROLE_" + name());
        };
    }
}
