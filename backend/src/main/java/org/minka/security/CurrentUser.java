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
        boolean admin) {}
