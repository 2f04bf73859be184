package org.minka.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * The check that every full-stack test runs on each response: it must report what the contract does
 * not describe, or it would pass silently.
 */
class ContractCheckTests {

    private static HttpHeaders json(MediaType type) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(type);
        return headers;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void validateWhenCreateAnswersOkInsteadOfCreatedThenReported() {
        assertThat(
                        ContractCheck.problems(
                                "POST",
                                "/api/v1/events",
                                200,
                                json(MediaType.APPLICATION_JSON),
                                bytes("{}")))
                .singleElement()
                .asString()
                .contains("Response status 200 not defined");
    }

    @Test
    void validateWhenProblemHasWrongContentTypeThenReported() {
        assertThat(
                        ContractCheck.problems(
                                "POST",
                                "/api/v1/events",
                                403,
                                json(MediaType.TEXT_PLAIN),
                                bytes("Forbidden")))
                .isNotEmpty()
                .anySatisfy(p -> assertThat(p).contains("Content-Type"));
    }

    @Test
    void validateWhenProblemBodyMissesRequiredFieldsThenReported() {
        assertThat(
                        ContractCheck.problems(
                                "POST",
                                "/api/v1/events",
                                403,
                                json(MediaType.APPLICATION_PROBLEM_JSON),
                                bytes("{\"title\":7}")))
                .isNotEmpty();
    }

    @Test
    void validateWhenProblemMatchesTheContractThenNothingReported() {
        String problem =
                """
                {"type":"https://minka.dev/problems/forbidden","title":"Forbidden","status":403,
                 "detail":"Only admins create events.","instance":"/api/v1/events",
                 "requestId":"r-1","timestamp":"2026-11-30T00:00:00Z"}
                """;
        assertThat(
                        ContractCheck.problems(
                                "POST",
                                "/api/v1/events",
                                403,
                                json(MediaType.APPLICATION_PROBLEM_JSON),
                                bytes(problem)))
                .isEmpty();
    }

    @Test
    void validateWhenPathIsNotInTheContractThenSkipped() {
        assertThat(
                        ContractCheck.problems(
                                "GET",
                                "/actuator/health",
                                200,
                                json(MediaType.APPLICATION_JSON),
                                bytes("{\"status\":\"UP\"}")))
                .isEmpty();
    }
}
