package org.minka.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Turns a validated JWT into a {@link MinkaAuthentication}, upserting the user on the way. */
@Component
class TokenUserConverter implements Converter<Jwt, Mono<AbstractAuthenticationToken>> {

    static final String ADMIN_AUTHORITY = "ROLE_ADMIN";

    private static final int MAX_ISSUERS = 16;

    private final Map<String, String> issuers = new ConcurrentHashMap<>();
    private final UserDirectory users;
    private final SecurityProperties properties;

    TokenUserConverter(UserDirectory users, SecurityProperties properties) {
        this.users = users;
        this.properties = properties;
    }

    @Override
    public Mono<AbstractAuthenticationToken> convert(Jwt jwt) {
        boolean admin = roles(jwt).contains(properties.adminRole());
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority("ROLE_USER"));
        if (admin) {
            authorities.add(new SimpleGrantedAuthority(ADMIN_AUTHORITY));
        }
        String issuer = issuer(jwt);
        String name = jwt.getClaimAsString("name");
        if (name == null) {
            name = jwt.getClaimAsString("preferred_username");
        }
        return users.upsert(
                        issuer,
                        jwt.getSubject(),
                        jwt.getClaimAsString("email"),
                        Boolean.TRUE.equals(jwt.getClaimAsBoolean("email_verified")),
                        name,
                        admin)
                .map(user -> new MinkaAuthentication(jwt, user, authorities));
    }

    /**
     * The issuer as {@code jwt.getIssuer().toString()} gives it, which converts the claim to a URL
     * at each call (0.8 % of the app's CPU in {@code make bench-vote}); remembered per claim value.
     * The decoder has validated the issuer, so there is one value, or a few at most.
     */
    private String issuer(Jwt jwt) {
        String claim = jwt.getClaimAsString(JwtClaimNames.ISS);
        if (claim == null) {
            return "";
        }
        String known = issuers.get(claim);
        if (known != null) {
            return known;
        }
        String issuer = jwt.getIssuer().toString();
        if (issuers.size() < MAX_ISSUERS) {
            issuers.put(claim, issuer);
        }
        return issuer;
    }

    private List<String> roles(Jwt jwt) {
        List<String> roles = new ArrayList<>(strings(jwt.getClaims().get(properties.adminClaim())));
        if (jwt.getClaims().get("realm_access") instanceof Map<?, ?> realm) {
            roles.addAll(strings(realm.get("roles")));
        }
        return roles;
    }

    private static List<String> strings(Object claim) {
        if (claim instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        if (claim instanceof String value) {
            return List.of(value.split("[ ,]+"));
        }
        return List.of();
    }
}
