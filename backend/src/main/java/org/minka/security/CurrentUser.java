package org.minka.security;

import java.util.UUID;

/** The signed-in user, as upserted from the token on this request. */
public record CurrentUser(
        UUID id,
        String issuer,
        String subject,
        String email,
        boolean emailVerified,
        String name,
        boolean admin) {

    /** The email in lower case when the issuer verified it, else null. */
    public String verifiedEmail() {
        return emailVerified && email != null ? email.toLowerCase(java.util.Locale.ROOT) : null;
    }
}
