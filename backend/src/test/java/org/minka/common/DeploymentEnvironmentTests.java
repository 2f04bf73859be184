package org.minka.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class DeploymentEnvironmentTests {

    @Test
    void databaseWhenPostgresUrlWithCredentialsThenR2dbcAndFlywayProperties() {
        Map<String, Object> props =
                DeploymentEnvironment.database(
                        "postgres://minka:s%40cret@db.example:6543/minka?sslmode=require",
                        null, null);
        assertThat(props)
                .containsEntry(
                        "spring.r2dbc.url",
                        "r2dbc:postgresql://db.example:6543/minka?sslMode=require")
                .containsEntry(
                        "spring.flyway.url",
                        "jdbc:postgresql://db.example:6543/minka?sslmode=require")
                .containsEntry("spring.r2dbc.username", "minka")
                .containsEntry("spring.r2dbc.password", "s@cret")
                .containsEntry("spring.flyway.user", "minka")
                .containsEntry("spring.flyway.password", "s@cret");
    }

    @Test
    void databaseWhenJdbcUrlWithQueryCredentialsAndOverridesThenOverridesWin() {
        Map<String, Object> props =
                DeploymentEnvironment.database(
                        "jdbc:postgresql://localhost/minka?user=a&password=b&ApplicationName=minka",
                        "app",
                        "secret");
        assertThat(props)
                .containsEntry(
                        "spring.r2dbc.url",
                        "r2dbc:postgresql://localhost:5432/minka?ApplicationName=minka")
                .containsEntry(
                        "spring.flyway.url",
                        "jdbc:postgresql://localhost:5432/minka?ApplicationName=minka")
                .containsEntry("spring.r2dbc.username", "app")
                .containsEntry("spring.r2dbc.password", "secret");
    }

    @Test
    void databaseWhenNoPasswordThenEmptyNotDefault() {
        assertThat(
                        DeploymentEnvironment.database(
                                "postgresql://postgres@localhost:5433/postgres", null, null))
                .containsEntry("spring.r2dbc.password", "")
                .containsEntry("spring.r2dbc.username", "postgres");
    }

    @Test
    void databaseWhenNotPostgresThenRefused() {
        assertThatThrownBy(() -> DeploymentEnvironment.database("mysql://localhost/db", null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("postgresql://");
    }

    @Test
    void postProcessWhenVariablesAbsentThenNothingSet() {
        MockEnvironment env = new MockEnvironment();
        new DeploymentEnvironment().postProcessEnvironment(env, null);
        assertThat(env.getPropertySources().contains(DeploymentEnvironment.SOURCE)).isFalse();
    }

    @Test
    void postProcessWhenOidcVariablesSetThenResourceServerProperties() {
        MockEnvironment env =
                new MockEnvironment()
                        .withProperty("OIDC_ISSUER_URI", "https://id.example/realms/minka")
                        .withProperty(
                                "OIDC_JWK_SET_URI",
                                "http://keycloak:8080/realms/minka/protocol/openid-connect/certs");
        new DeploymentEnvironment().postProcessEnvironment(env, null);
        assertThat(env.getProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri"))
                .isEqualTo("https://id.example/realms/minka");
        assertThat(env.getProperty("spring.security.oauth2.resourceserver.jwt.jwk-set-uri"))
                .endsWith("/certs");
    }
}
