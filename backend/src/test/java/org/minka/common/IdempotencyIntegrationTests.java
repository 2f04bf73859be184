package org.minka.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.minka.support.Fixtures.User;
import org.minka.support.IntegrationTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

class IdempotencyIntegrationTests extends IntegrationTest {

    @org.springframework.beans.factory.annotation.Autowired IdempotencyFilter idempotency;

    @Test
    void reapWhenKeysOlderThanRetentionThenDeletedAndFreshKept() {
        String old = "old-" + UUID.randomUUID();
        String fresh = "fresh-" + UUID.randomUUID();
        for (String key : List.of(old, fresh)) {
            db.sql(
                            "insert into idempotency_keys (principal, key, method, path, request_hash, created_at)"
                                    + " values ('reaper-test', $1, 'POST', '/x', 'h', now() - cast($2 as interval))")
                    .bind(0, key)
                    .bind(1, key.startsWith("old") ? "25 hours" : "1 hour")
                    .then()
                    .block();
        }
        assertThat(idempotency.reap().block()).isGreaterThanOrEqualTo(1L);
        assertThat(count("select count(*) from idempotency_keys where key = $1", old)).isZero();
        assertThat(count("select count(*) from idempotency_keys where key = $1", fresh))
                .isEqualTo(1);
    }

    private EntityExchangeResult<String> post(User user, String key, Object body) {
        return web.post()
                .uri("/api/v1/events")
                .headers(h -> h.setBearerAuth(user.token()))
                .header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectBody(String.class)
                .returnResult();
    }

    @Test
    void retryWithSameKeyAndBodyThenSameResponseAndOneRow() {
        User admin = fixtures.admin();
        String slug = fixtures.slug();
        Map<String, Object> body = fixtures.eventBody(slug);
        String key = UUID.randomUUID().toString();
        EntityExchangeResult<String> first = post(admin, key, body);
        EntityExchangeResult<String> retry = post(admin, key, body);
        assertThat(first.getStatus().value()).isEqualTo(201);
        assertThat(retry.getStatus().value()).isEqualTo(201);
        assertThat(retry.getResponseBody()).isEqualTo(first.getResponseBody());
        assertThat(retry.getResponseHeaders().getFirst(HttpHeaders.LOCATION))
                .isEqualTo(first.getResponseHeaders().getFirst(HttpHeaders.LOCATION));
        assertThat(retry.getResponseHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(first.getResponseHeaders().getFirst("Idempotent-Replayed")).isNull();
        assertThat(count("select count(*) from events where slug = $1", slug)).isEqualTo(1);
    }

    @Test
    void sameKeyWithOtherBodyThenUnprocessable() {
        User admin = fixtures.admin();
        String key = UUID.randomUUID().toString();
        assertThat(post(admin, key, fixtures.eventBody(fixtures.slug())).getStatus().value())
                .isEqualTo(201);
        String other = fixtures.slug();
        EntityExchangeResult<String> reused = post(admin, key, fixtures.eventBody(other));
        assertThat(reused.getStatus().value()).isEqualTo(422);
        assertThat(reused.getResponseBody())
                .contains("https://minka.dev/problems/idempotency-key-reused");
        assertThat(count("select count(*) from events where slug = $1", other)).isZero();
    }

    @Test
    void keysAreScopedToTheCaller() {
        String key = UUID.randomUUID().toString();
        String slugA = fixtures.slug();
        String slugB = fixtures.slug();
        assertThat(post(fixtures.admin(), key, fixtures.eventBody(slugA)).getStatus().value())
                .isEqualTo(201);
        assertThat(post(fixtures.admin(), key, fixtures.eventBody(slugB)).getStatus().value())
                .isEqualTo(201);
    }

    @Test
    void failedRequestDoesNotBurnTheKey() {
        User admin = fixtures.admin();
        String key = UUID.randomUUID().toString();
        Map<String, Object> bad = new java.util.HashMap<>(fixtures.eventBody(fixtures.slug()));
        bad.remove("title");
        assertThat(post(admin, key, bad).getStatus().value()).isEqualTo(400);
        String slug = fixtures.slug();
        assertThat(post(admin, key, fixtures.eventBody(slug)).getStatus().value()).isEqualTo(201);
        assertThat(count("select count(*) from events where slug = $1", slug)).isEqualTo(1);
    }

    @Test
    void concurrentRetriesThenOneWriteOthersConflictOrReplay() {
        User admin = fixtures.admin();
        String slug = fixtures.slug();
        Map<String, Object> body = fixtures.eventBody(slug);
        String key = UUID.randomUUID().toString();
        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(
                    CompletableFuture.supplyAsync(
                            () -> post(admin, key, body).getStatus().value()));
        }
        List<Integer> statuses = calls.stream().map(CompletableFuture::join).toList();
        // a retry that arrives after the first write finished is a replay (201), one that overlaps
        // it a conflict (409); how many of each depends on scheduling, the single write does not
        assertThat(statuses).allMatch(s -> s == 201 || s == 409).contains(201);
        assertThat(count("select count(*) from events where slug = $1", slug)).isEqualTo(1);
    }

    @Test
    void malformedKeyThenValidationProblem() {
        EntityExchangeResult<String> result =
                post(fixtures.admin(), "short", fixtures.eventBody(fixtures.slug()));
        assertThat(result.getStatus().value()).isEqualTo(400);
        assertThat(result.getResponseBody()).contains("Idempotency-Key");
    }
}
