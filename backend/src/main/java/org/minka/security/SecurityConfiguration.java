package org.minka.security;

import java.util.List;
import org.minka.common.MinkaException;
import org.minka.common.ProblemFactory;
import org.minka.common.ProblemType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.security.config.annotation.method.configuration.EnableReactiveMethodSecurity;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenError;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/** One stateless chain: anonymous reads of public resources, bearer tokens for everything else. */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@EnableReactiveMethodSecurity
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfiguration {

    static {
        // Issuer discovery completes on an event loop and then touches this class, whose static
        // initializer builds a RestTemplate (reading jar resources). Initialize it at startup
        // instead.
        try {
            Class.forName(
                    "org.springframework.security.oauth2.jwt.JwtDecoderProviderConfigurationUtils",
                    true,
                    SecurityConfiguration.class.getClassLoader());
        } catch (ClassNotFoundException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Paths open to anyone with any method: health, metrics, the API's description. */
    static final String[] OPEN = {
        "/actuator/health",
        "/actuator/health/**",
        "/actuator/info",
        "/actuator/prometheus",
        "/v3/api-docs",
        "/v3/api-docs/**",
        "/v3/api-docs.yaml",
        "/swagger-ui.html",
        "/swagger-ui/**",
        "/webjars/**"
    };

    /** Reads anyone may make (GET, HEAD); each controller still hides what is not published. */
    static final String[] PUBLIC_READS = {
        "/api/v1/events",
        "/api/v1/events/*",
        "/api/v1/events/*/challenges",
        "/api/v1/events/*/challenges/*",
        "/api/v1/events/*/gallery/**",
        "/api/v1/catalog/**",
        // submission module: submitted versions once an event's gallery is public
        "/api/v1/submissions/*/versions",
        "/api/v1/submissions/*/versions/*",
        "/api/v1/submissions/*/artifacts/*/download",
        "/api/v1/submissions/*/artifacts/*/preview",
        // judging module: the rubrics participants are judged on
        "/api/v1/events/*/judging/rubric",
        "/api/v1/events/*/challenges/*/judging/rubric",
        // certificate: verification by code, and the PDF
        "/api/v1/certificates/*",
        "/api/v1/certificates/*/pdf",
        // recognition (training, dataset feedback): the course catalogue, triaged reports
        "/api/v1/recognition/courses",
        "/api/v1/recognition/courses/*",
        "/api/v1/recognition/reports",
        "/api/v1/recognition/reports/*",
        // recognition: published campaigns, their rankings, leaderboards and entity scores
        "/api/v1/recognition/campaigns",
        "/api/v1/recognition/campaigns/**",
        // voting: tallies (the controller decides who may read them, and when)
        "/api/v1/events/*/voting/tallies",
        "/api/v1/events/*/voting/tallies/stream",
        // results: the published page and its open data (404 until published)
        "/api/v1/events/*/results",
        "/api/v1/events/*/results/data.json",
        "/api/v1/events/*/results/results.csv",
        "/api/v1/events/*/results/results.json"
    };

    private static final AccessRules ACCESS_RULES =
            new AccessRules(List.of(OPEN), List.of(PUBLIC_READS));

    /**
     * Requests the firewall rejects (an encoded slash, a dot segment, a NUL in the URL, a control
     * character in a header...) get a problem body like every other 400, with its request id, not
     * an empty answer.
     */
    @Bean
    ServerWebExchangeFirewall firewall() {
        return FirewallRules.firewall();
    }

    /**
     * No observation of each security filter of each request: the request itself is observed
     * (http.server.requests), and the per-filter wrappers were 2 % of the app's CPU in {@code make
     * bench-vote}. Authentications and authorizations are still observed.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.withDefaults().shouldObserveRequests(false).build();
    }

    @Bean
    ServerExchangeRejectedHandler rejectedExchanges(ProblemFactory problems) {
        return (exchange, rejected) ->
                problems.write(
                        exchange,
                        new MinkaException(
                                ProblemType.MALFORMED_REQUEST,
                                "problem.malformed-request.url",
                                List.of()));
    }

    @Bean
    SecurityWebFilterChain securityWebFilterChain(
            ServerHttpSecurity http,
            TokenUserConverter tokenUserConverter,
            ServerAuthenticationEntryPoint entryPoint,
            ServerAccessDeniedHandler accessDeniedHandler,
            org.springframework.core.env.Environment env) {
        // Swagger UI exchanges the sign-in code at the issuer's token endpoint from the browser
        String connect =
                SwaggerSignIn.endpoints(env)
                        .map(found -> "connect-src 'self' " + found.tokenOrigin() + "; ")
                        .orElse("");
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .cors(cors -> {})
                .headers(
                        headers ->
                                headers.contentSecurityPolicy(
                                                csp ->
                                                        csp.policyDirectives(
                                                                "default-src 'self'; "
                                                                        + connect
                                                                        + "img-src 'self' data:;"
                                                                        + " style-src 'self' 'unsafe-inline';"
                                                                        + " frame-ancestors 'none'"))
                                        .referrerPolicy(
                                                referrer ->
                                                        referrer.policy(
                                                                ReferrerPolicyServerHttpHeadersWriter
                                                                        .ReferrerPolicy
                                                                        .NO_REFERRER)))
                .authorizeExchange(exchanges -> exchanges.anyExchange().access(ACCESS_RULES))
                .oauth2ResourceServer(
                        oauth2 ->
                                oauth2.bearerTokenConverter(new BearerTokens())
                                        .jwt(
                                                jwt ->
                                                        jwt.jwtAuthenticationConverter(
                                                                tokenUserConverter))
                                        .authenticationEntryPoint(entryPoint)
                                        .accessDeniedHandler(accessDeniedHandler))
                .exceptionHandling(
                        handling ->
                                handling.authenticationEntryPoint(entryPoint)
                                        .accessDeniedHandler(accessDeniedHandler))
                .build();
    }

    /** Verified tokens answered from memory for a minute ({@link VerifiedTokens}). */
    @Bean
    static org.springframework.beans.factory.config.BeanPostProcessor verifiedTokens() {
        return VerifiedTokens.wrapping();
    }

    /** 401 with the RFC 6750 {@code WWW-Authenticate} header and a problem body. */
    @Bean
    ServerAuthenticationEntryPoint problemEntryPoint(ProblemFactory problems) {
        return (exchange, ex) -> {
            String challenge = "Bearer";
            String key = "problem.unauthorized.detail";
            if (ex instanceof OAuth2AuthenticationException oauth
                    && oauth.getError() instanceof BearerTokenError error) {
                challenge =
                        "Bearer error=\""
                                + error.getErrorCode()
                                + "\", error_description=\"The token is invalid or expired\"";
                key = "problem.unauthorized.invalid-token";
            }
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge);
            return problems.write(
                    exchange, new MinkaException(ProblemType.UNAUTHORIZED, key, List.of()));
        };
    }

    /** 403 with the same problem shape as every other error. */
    @Bean
    ServerAccessDeniedHandler problemAccessDeniedHandler(ProblemFactory problems) {
        return (exchange, denied) -> problems.write(exchange, MinkaException.forbidden());
    }

    @Bean
    CorsConfigurationSource corsConfigurationSource(SecurityProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.corsOrigins());
        cors.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        cors.setAllowedHeaders(
                List.of(
                        "Authorization",
                        "Content-Type",
                        "If-Match",
                        "If-None-Match",
                        "Idempotency-Key",
                        "Accept-Language",
                        "X-Request-Id"));
        cors.setExposedHeaders(
                List.of("ETag", "Link", "Location", "X-Request-Id", "WWW-Authenticate"));
        cors.setMaxAge(3600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return source;
    }
}
