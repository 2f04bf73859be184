package org.minka.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** The demo roles of {@code make run}, each a client id of the dev issuer's token endpoint. */
public final class DemoUsers {

    public static final List<String> ROLES =
            List.of("admin", "organizer", "mentor", "judge", "citizen");

    /**
     * The user name typed on the issuer's sign-in page (authorization-code flow): {@code citizen}
     * signs in as the demo citizen, any other name as a user of that name.
     */
    public static final String LOGIN_NAME = "subject";

    /** The client id of Swagger UI and the SPA (Keycloak's public client {@code minka-spa}). */
    public static final String SPA_CLIENT_ID = "minka-spa";

    private DemoUsers() {}

    public static String email(String role) {
        return role + "@minka.local";
    }

    /** mock-oauth2-server configuration: one request mapping (by client_id) per demo role. */
    public static String issuerConfig() {
        List<Map<String, Object>> mappings = new ArrayList<>();
        for (String role : ROLES) {
            mappings.add(mapping("client_id", role, demoClaims(role)));
        }
        // the sign-in page (Swagger UI, a SPA): the typed user name picks the user
        for (String role : ROLES) {
            mappings.add(mapping(LOGIN_NAME, role, demoClaims(role)));
        }
        mappings.add(mapping(LOGIN_NAME, "*", userClaims("${" + LOGIN_NAME + "}")));
        mappings.add(anyUser());
        Map<String, Object> config =
                Map.of(
                        "interactiveLogin",
                        true,
                        "tokenCallbacks",
                        List.of(
                                Map.of(
                                        "issuerId",
                                        LocalServers.ISSUER_ID,
                                        "tokenExpiry",
                                        3600,
                                        "requestMappings",
                                        mappings)));
        return JsonMapper.builder().build().writeValueAsString(config);
    }

    /**
     * Any other client id is a distinct user of its own: {@code client_id=alice} signs in as {@code
     * sub} {@code alice} with the verified email {@code alice@minka.local} and no role. The issuer
     * fills in {@code ${clientId}}; this mapping comes last, so the demo roles match first.
     */
    static Map<String, Object> anyUser() {
        return mapping("client_id", "*", userClaims("${clientId}"));
    }

    private static Map<String, Object> demoClaims(String role) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", "demo-" + role);
        claims.put("aud", List.of(LocalServers.AUDIENCE));
        claims.put("email", email(role));
        claims.put("email_verified", true);
        claims.put("name", "Demo " + role);
        claims.put("roles", role.equals("admin") ? List.of("admin") : List.of());
        return claims;
    }

    private static Map<String, Object> userClaims(String name) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", name);
        claims.put("aud", List.of(LocalServers.AUDIENCE));
        claims.put("email", name + "@minka.local");
        claims.put("email_verified", true);
        claims.put("name", name);
        claims.put("roles", List.of());
        return claims;
    }

    private static Map<String, Object> mapping(
            String requestParam, String match, Map<String, Object> claims) {
        Map<String, Object> mapping = new LinkedHashMap<>();
        mapping.put("requestParam", requestParam);
        mapping.put("match", match);
        mapping.put("claims", claims);
        return mapping;
    }

    /** A shell line that puts a token for the role into $TOKEN. */
    public static String tokenCommand(String issuerUri, String role) {
        return "TOKEN=$(curl -s "
                + issuerUri
                + "/token -d grant_type=client_credentials -d client_id="
                + role
                + " -d client_secret=dev | tr -d '\\n' | sed -E 's/.*\"access_token\" *: *\"([^\"]+)\".*/\\1/')";
    }

    /**
     * The claims the dev issuer puts in a token for this client id (a demo role, else a user of
     * that name), so tests can mint the same tokens from the suite's issuer.
     */
    public static Map<String, Object> claims(String clientId) {
        return ROLES.contains(clientId) ? demoClaims(clientId) : userClaims(clientId);
    }
}
