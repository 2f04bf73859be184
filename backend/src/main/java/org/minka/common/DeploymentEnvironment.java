package org.minka.common;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Maps the deployment variables ({@code DATABASE_URL}, {@code OIDC_ISSUER_URI}, ...) onto Spring
 * properties, only when they are set, so that an absent variable never switches a feature on.
 */
public class DeploymentEnvironment implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE = "minkaDeploymentEnvironment";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        Map<String, Object> props = new LinkedHashMap<>();
        String databaseUrl = env.getProperty("DATABASE_URL");
        if (hasText(databaseUrl)) {
            props.putAll(
                    database(
                            databaseUrl,
                            env.getProperty("DATABASE_USERNAME"),
                            env.getProperty("DATABASE_PASSWORD")));
        }
        String issuer = env.getProperty("OIDC_ISSUER_URI");
        if (hasText(issuer)) {
            props.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", issuer);
        }
        String jwks = env.getProperty("OIDC_JWK_SET_URI");
        if (hasText(jwks)) {
            props.put("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", jwks);
        }
        if (!props.isEmpty()) {
            env.getPropertySources().addFirst(new MapPropertySource(SOURCE, props));
        }
    }

    /**
     * Spring properties for R2DBC and Flyway from one URL (postgres://, postgresql://, jdbc: or
     * r2dbc:).
     */
    static Map<String, Object> database(String url, String username, String password) {
        String raw =
                url.trim()
                        .replaceFirst("^(jdbc|r2dbc):", "")
                        .replaceFirst("^postgres://", "postgresql://");
        URI uri = URI.create(raw);
        if (!"postgresql".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(
                    "DATABASE_URL must look like postgresql://user:password@host:5432/db");
        }
        String user = username;
        String pass = password;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = hasText(user) ? user : decode(parts[0]);
            pass = hasText(pass) ? pass : parts.length > 1 ? decode(parts[1]) : null;
        }
        StringJoiner jdbcQuery = new StringJoiner("&");
        StringJoiner r2dbcQuery = new StringJoiner("&");
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                String key = kv[0];
                String value = kv.length > 1 ? decode(kv[1]) : "";
                switch (key) {
                    case "user", "username" -> user = hasText(user) ? user : value;
                    case "password" -> pass = hasText(pass) ? pass : value;
                    case "sslmode" -> {
                        jdbcQuery.add(pair);
                        r2dbcQuery.add("sslMode=" + kv[1]);
                    }
                    default -> {
                        jdbcQuery.add(pair);
                        r2dbcQuery.add(pair);
                    }
                }
            }
        }
        int port = uri.getPort() > 0 ? uri.getPort() : 5432;
        String path =
                uri.getRawPath() == null || uri.getRawPath().isEmpty()
                        ? "/postgres"
                        : uri.getRawPath();
        String base = "postgresql://" + uri.getHost() + ":" + port + path;
        Map<String, Object> props = new LinkedHashMap<>();
        props.put(
                "spring.r2dbc.url",
                "r2dbc:" + base + (r2dbcQuery.length() > 0 ? "?" + r2dbcQuery : ""));
        props.put(
                "spring.flyway.url",
                "jdbc:" + base + (jdbcQuery.length() > 0 ? "?" + jdbcQuery : ""));
        if (user != null) {
            props.put("spring.r2dbc.username", user);
            props.put("spring.flyway.user", user);
        }
        // A URL without a password means none, not the default of application.yml.
        props.put("spring.r2dbc.password", pass == null ? "" : pass);
        props.put("spring.flyway.password", pass == null ? "" : pass);
        return props;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static boolean hasText(String s) {
        return s != null && !s.isBlank();
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
