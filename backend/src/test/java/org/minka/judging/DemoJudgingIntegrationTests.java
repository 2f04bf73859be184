package org.minka.judging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.minka.support.Api.Reply;
import org.minka.support.DemoData;
import org.minka.support.DemoUsers;
import org.minka.support.IntegrationTest;
import org.minka.support.LocalServers;
import org.springframework.beans.factory.annotation.Value;

/**
 * The {@code make run} edition in JUDGING ({@link DemoData#loadJudging}), loaded through the API as
 * {@code make run} loads it, into the suite's database, with the tokens the dev issuer would give
 * the demo roles (minted by the suite's issuer with {@link DemoUsers#claims}). It adds one
 * published event with its own users and checks only that event, so other tests are not disturbed.
 */
class DemoJudgingIntegrationTests extends IntegrationTest {

    @Value("${local.server.port}")
    int port;

    private final Map<String, String> issued = new HashMap<>();

    private String token(String role) {
        return issued.computeIfAbsent(role, DemoJudgingIntegrationTests::mint);
    }

    private static String mint(String role) {
        Map<String, Object> claims = new HashMap<>(DemoUsers.claims(role));
        String subject = (String) claims.remove("sub");
        claims.remove("aud");
        return tokens.token(
                LocalServers.ISSUER_ID, subject, List.of(LocalServers.AUDIENCE), claims, 3600);
    }

    private Reply get(String role, String path) {
        var result =
                web.get()
                        .uri(path)
                        .headers(h -> h.setBearerAuth(token(role)))
                        .exchange()
                        .expectBody(String.class)
                        .returnResult();
        return new Reply(
                result.getStatus().value(), result.getResponseBody(), result.getResponseHeaders());
    }

    @Test
    void
            loadJudgingWhenLoadedAsMakeRunDoesThenANewJudgeFindsRubricQueueAndDraftAndOrganizerProgress()
                    throws Exception {
        DemoData demo = new DemoData("http://localhost:" + port, this::token);

        String event = demo.loadJudging();

        String judging = "/api/v1/events/" + event + "/judging";
        Reply rubric = get("judge", judging + "/rubric").expect(200);
        assertThat(rubric.<List<Integer>>json("$.criteria[*].weight"))
                .hasSize(5)
                .containsExactly(25, 25, 15, 20, 15);
        assertThat(rubric.headers().getETag()).isEqualTo("\"1\"");
        assertThat(get("citizen", judging + "/rubric").status()).isEqualTo(200);

        Reply queue = get("judge", judging + "/queue").expect(200);
        List<String> states = queue.json("$.items[*].status");
        assertThat(states).hasSizeGreaterThanOrEqualTo(2);
        assertThat(states.stream().filter("DRAFT"::equals)).hasSize(1);
        assertThat(states.stream().filter("NOT_STARTED"::equals)).hasSize(states.size() - 1);
        String draft =
                queue.<List<String>>json("$.items[?(@.status == 'DRAFT')].submissionId").get(0);
        Reply score = get("judge", judging + "/scores/" + draft).expect(200);
        assertThat(score.<String>json("$.status")).isEqualTo("DRAFT");
        assertThat(score.<Map<String, Object>>json("$.marks")).hasSize(2);
        String version = queue.<String>json("$.items[0].versionUrl");
        assertThat(get("judge", version).status()).isEqualTo(200);

        Reply progress = get("admin", judging + "/progress").expect(200);
        assertThat(progress.<Integer>json("$.total.assigned")).isEqualTo(8);
        assertThat(progress.<List<Integer>>json("$.judges[*].assigned")).hasSize(3);
        for (String other : List.of("jurado-ana", "jurado-luis")) {
            String name = "$.judges[?(@.name == '" + other + "')]";
            List<Integer> assigned = progress.json(name + ".assigned");
            assertThat(assigned).hasSize(1).allSatisfy(n -> assertThat(n).isPositive());
            assertThat(progress.<List<Integer>>json(name + ".submitted")).isEqualTo(assigned);
        }
        String demoJudge = "$.judges[?(@.name == 'Demo judge')]";
        assertThat(progress.<List<Integer>>json(demoJudge + ".drafted")).containsExactly(1);
        assertThat(progress.<List<Integer>>json(demoJudge + ".submitted")).containsExactly(0);

        Reply assignments = get("admin", judging + "/assignments").expect(200);
        assertThat(assignments.<List<Integer>>json("$.submissions[*].missing"))
                .hasSize(4)
                .containsOnly(0);
        assertThat(assignments.<List<Integer>>json("$.pools[*].spread")).containsExactly(1);
        assertThat(get("judge", judging + "/progress").status()).isEqualTo(403);
    }
}
