package org.minka.common;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * The contract's frame: info, the bearer scheme, tags, and problem responses for every operation.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BEARER = "bearer";

    @Bean
    OpenAPI minkaOpenApi() {
        Components components = new Components();
        io.swagger.v3.core.converter.ModelConverters.getInstance()
                .readAll(Problem.class)
                .forEach(components::addSchemas);
        return new OpenAPI()
                .info(
                        new Info()
                                .title("Minka API")
                                .version("v1")
                                .description(
                                        "Non-blocking REST API for datathons on open government data. Errors are RFC 9457"
                                                + " problem details; lists use cursor paging with a Link header; public reads"
                                                + " answer with an ETag and honour If-None-Match.")
                                .contact(new Contact().name("Minka").url("https://minka.dev"))
                                .license(
                                        new License()
                                                .name("Apache-2.0")
                                                .url(
                                                        "https://www.apache.org/licenses/LICENSE-2.0")))
                .servers(List.of(new Server().url("/").description("This server")))
                .tags(
                        List.of(
                                new Tag()
                                        .name("events")
                                        .description(
                                                "Datathon editions, their phases and publication"),
                                new Tag()
                                        .name("challenges")
                                        .description("Data challenges built on official datasets"),
                                new Tag()
                                        .name("memberships")
                                        .description("Organizers, mentors and judges of an event"),
                                new Tag().name("me").description("The signed-in user"),
                                new Tag()
                                        .name("registrations")
                                        .description(
                                                "Citizens' registrations for an event: profile, consent, personal data"),
                                new Tag()
                                        .name("teams")
                                        .description(
                                                "Teams, captains, join codes, members and challenge entries"),
                                new Tag()
                                        .name("invitations")
                                        .description(
                                                "Captains' invitations and citizens' requests to join"),
                                new Tag()
                                        .name("team finder")
                                        .description("People and teams looking for each other"),
                                new Tag()
                                        .name("organizer reports")
                                        .description(
                                                "Lists, searches, CSV exports and counts for organizers"),
                                new Tag()
                                        .name("gallery")
                                        .description(
                                                "Public team pages once an event's gallery is public"),
                                new Tag()
                                        .name("mentoring")
                                        .description(
                                                "Help requests, the mentors' queue and comment threads"),
                                new Tag()
                                        .name("notifications")
                                        .description(
                                                "The inbox and the live stream of notifications"),
                                new Tag()
                                        .name("catalog")
                                        .description(
                                                "Publishers, portals and linked open datasets with their quality score"),
                                new Tag()
                                        .name("submissions")
                                        .description(
                                                "A team's work for a challenge: drafts, immutable versions, artifacts (streamed or presigned uploads), notebook previews")))
                .components(
                        components.addSecuritySchemes(
                                BEARER,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")
                                        .description(
                                                "Access token from the OIDC issuer (Keycloak in production)")));
    }

    @Bean
    OperationCustomizer problemResponses() {
        return (operation, handlerMethod) -> {
            ApiErrors errors = handlerMethod.getMethodAnnotation(ApiErrors.class);
            if (errors == null) {
                return operation;
            }
            SecurityRequirement bearer = new SecurityRequirement().addList(BEARER);
            operation.setSecurity(
                    errors.publicRead()
                            ? List.of(new SecurityRequirement(), bearer)
                            : List.of(bearer));
            ApiResponses responses = operation.getResponses();
            java.util.SortedSet<Integer> codes = new java.util.TreeSet<>();
            for (int code : errors.value()) {
                codes.add(code);
            }
            org.springframework.web.bind.annotation.PostMapping post =
                    handlerMethod.getMethodAnnotation(
                            org.springframework.web.bind.annotation.PostMapping.class);
            // Multipart uploads stream and are never buffered to be hashed, so the filter ignores
            // their keys; the contract does not offer one.
            boolean idempotent =
                    post != null
                            && java.util.Arrays.stream(post.consumes())
                                    .noneMatch(type -> type.startsWith("multipart/"));
            if (idempotent) {
                operation.addParametersItem(
                        new io.swagger.v3.oas.models.parameters.HeaderParameter()
                                .name(IdempotencyFilter.HEADER)
                                .required(false)
                                .description(
                                        "Makes a retried POST safe: the same key and body within 24 hours returns the"
                                                + " first response (with Idempotent-Replayed: true) instead of writing twice")
                                .example("3f1c2a9e-6b7d-4e2a-9c1f-0a8b7c6d5e4f")
                                .schema(
                                        new io.swagger.v3.oas.models.media.StringSchema()
                                                .minLength(8)
                                                .maxLength(200)));
                codes.add(409);
                codes.add(422);
            }
            for (ProblemType declared : errors.types()) {
                codes.add(declared.status().value());
            }
            // PostgreSQL or object storage may be down: every operation may answer 503
            codes.add(HttpStatus.SERVICE_UNAVAILABLE.value());
            // every write counts against the caller's rate limits (WriteRateLimits)
            boolean write = isWrite(handlerMethod);
            if (write) {
                codes.add(HttpStatus.TOO_MANY_REQUESTS.value());
            }
            // every body is capped while it streams (BodyLimitFilter), so any body may get 413
            if (operation.getRequestBody() != null) {
                codes.add(HttpStatus.CONTENT_TOO_LARGE.value());
            }
            for (int code : codes) {
                HttpStatus status = HttpStatus.valueOf(code);
                List<ProblemType> types =
                        new java.util.ArrayList<>(
                                java.util.Arrays.stream(errors.types())
                                        .filter(t -> t.status() == status)
                                        .toList());
                if (types.isEmpty()) {
                    types.add(typeFor(status));
                }
                // any body may be malformed, and any idempotent POST may meet its key again
                if (status == HttpStatus.BAD_REQUEST
                        && !types.contains(ProblemType.MALFORMED_REQUEST)) {
                    types.add(0, ProblemType.MALFORMED_REQUEST);
                }
                if (idempotent) {
                    for (ProblemType key :
                            List.of(
                                    ProblemType.IDEMPOTENCY_IN_PROGRESS,
                                    ProblemType.IDEMPOTENCY_KEY_REUSED)) {
                        if (key.status() == status && !types.contains(key)) {
                            types.add(key);
                        }
                    }
                }
                MediaType problem =
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"));
                for (ProblemType type : types) {
                    problem.addExamples(
                            type.slug(),
                            new Example()
                                    .summary(type.slug().replace('-', ' '))
                                    .value(
                                            Map.of(
                                                    "type", type.uri().toString(),
                                                    "title", status.getReasonPhrase(),
                                                    "status", code,
                                                    "detail", "See the type for what went wrong.",
                                                    "instance", "/api/v1/events",
                                                    "requestId",
                                                            "5f0c2a3e-2b8f-4c1e-9a0d-6b9f3f4a2c11",
                                                    "timestamp", "2026-11-26T14:00:00Z")));
                }
                ApiResponse response =
                        new ApiResponse()
                                .description(status.getReasonPhrase())
                                .content(
                                        new Content()
                                                .addMediaType("application/problem+json", problem));
                if (status == HttpStatus.SERVICE_UNAVAILABLE) {
                    response.addHeaderObject("Retry-After", RETRY_AFTER);
                }
                if (status == HttpStatus.TOO_MANY_REQUESTS) {
                    response.addHeaderObject(HttpHeaders.RETRY_AFTER, retryAfter());
                }
                responses.addApiResponse(String.valueOf(code), response);
            }
            return operation;
        };
    }

    private static final io.swagger.v3.oas.models.headers.Header RETRY_AFTER =
            new io.swagger.v3.oas.models.headers.Header()
                    .description(
                            "Seconds to wait before retrying: a backing service (PostgreSQL, object"
                                    + " storage) is unavailable; see docs/operations-faults.md")
                    .schema(new io.swagger.v3.oas.models.media.IntegerSchema().example(5));

    /** Whether the operation is a POST, PUT, PATCH or DELETE. */
    private static boolean isWrite(org.springframework.web.method.HandlerMethod handler) {
        org.springframework.web.bind.annotation.RequestMapping mapping =
                handler.getMethodAnnotation(
                        org.springframework.web.bind.annotation.RequestMapping.class);
        return mapping != null
                && java.util.Arrays.stream(mapping.method())
                        .map(method -> method.asHttpMethod())
                        .anyMatch(WriteRateLimits::isWrite);
    }

    private static io.swagger.v3.oas.models.headers.Header retryAfter() {
        return new io.swagger.v3.oas.models.headers.Header()
                .description("Seconds until the caller's rate-limit window ends")
                .schema(
                        new io.swagger.v3.oas.models.media.IntegerSchema()
                                .minimum(java.math.BigDecimal.ONE))
                .example(42);
    }

    private static ProblemType typeFor(HttpStatus status) {
        for (ProblemType type : ProblemType.values()) {
            if (type.status() == status) {
                return type;
            }
        }
        return ProblemType.INTERNAL_ERROR;
    }
}
