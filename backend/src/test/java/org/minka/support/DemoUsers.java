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

    private DemoUsers() {}

    public static String email(String role) {
        return role + "@minka.local";
    }

    /** mock-oauth2-server configuration: one request mapping (by client_id) per demo role. */
    public static String issuerConfig() {
        List<Map<String, Object>> mappings =
                ROLES.stream()
                        .map(
                                role -> {
                                    Map<String, Object> claims = new LinkedHashMap<>();
                                    claims.put("sub", "demo-" + role);
                                    claims.put("aud", List.of(LocalServers.AUDIENCE));
                                    claims.put("email", email(role));
                                    claims.put("email_verified", true);
                                    claims.put("name", "Demo " + role);
                                    claims.put(
                                            "roles",
                                            role.equals("admin") ? List.of("admin") : List.of());
                                    Map<String, Object> mapping = new LinkedHashMap<>();
                                    mapping.put("requestParam", "client_id");
                                    mapping.put("match", role);
                                    mapping.put("claims", claims);
                                    return mapping;
                                })
                        .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
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
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", "${clientId}");
        claims.put("aud", List.of(LocalServers.AUDIENCE));
        claims.put("email", "${clientId}@minka.local");
        claims.put("email_verified", true);
        claims.put("name", "${clientId}");
        claims.put("roles", List.of());
        Map<String, Object> mapping = new LinkedHashMap<>();
        mapping.put("requestParam", "client_id");
        mapping.put("match", "*");
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
}
