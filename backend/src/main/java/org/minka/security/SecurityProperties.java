package org.minka.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param adminClaim top-level claim holding global roles ({@code realm_access.roles} is read too)
 * @param adminRole the role value that makes a user a global admin
 * @param corsOrigins origins allowed to call the API from a browser
 */
@ConfigurationProperties("minka.security")
record SecurityProperties(String adminClaim, String adminRole, List<String> corsOrigins) {

    SecurityProperties {
        adminClaim = adminClaim == null || adminClaim.isBlank() ? "roles" : adminClaim;
        adminRole = adminRole == null || adminRole.isBlank() ? "admin" : adminRole;
        corsOrigins = corsOrigins == null ? List.of() : List.copyOf(corsOrigins);
    }
}
