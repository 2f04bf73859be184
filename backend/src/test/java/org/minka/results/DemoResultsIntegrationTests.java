package org.minka.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.minka.support.Api;
import org.minka.support.Api.Reply;
import org.minka.support.DemoResults;
import org.minka.support.Fixtures.User;
import org.minka.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

/**
 * The {@code make run} edition in RESULTS, loaded into the suite's database: a newcomer sees the
 * published results with every kind of award, and their open data.
 */
class DemoResultsIntegrationTests extends IntegrationTest {

    @Autowired Environment environment;

    @Test
    void loadThenANewUserSeesThePublishedResultsAwardsAndOpenData() throws Exception {
        String api = "http://localhost:" + environment.getRequiredProperty("local.server.port");
        String run = UUID.randomUUID().toString().substring(0, 8);
        String id =
                new DemoResults(api, name -> tokens.user(name + "-" + run, name.equals("admin")))
                        .load();
        Api client = new Api(web, fixtures);
        User newcomer = fixtures.user("newcomer");

        Reply event = client.get(newcomer, "/api/v1/events/{e}", id).expect(200);
        assertThat(event.<String>json("$.currentPhase")).isEqualTo("RESULTS");
        Reply page = client.get(newcomer, "/api/v1/events/{e}/results", id).expect(200);
        List<String> kinds = page.json("$.awards[*].kind");
        assertThat(kinds)
                .containsExactly(
                        "OVERALL",
                        "PLACE",
                        "PLACE",
                        "PLACE",
                        "PLACE",
                        "PEOPLES_CHOICE",
                        "PEOPLES_CHOICE",
                        "DISTINCTION",
                        "DISTINCTION");
        List<String> teams = page.json("$.awards[?(@.kind == 'PLACE' && @.place == 1)].team.name");
        assertThat(teams).containsExactlyInAnyOrder("Respira Datos", "Vigías del Zancudo");
        List<String> overall = page.json("$.awards[?(@.kind == 'OVERALL')].team.name");
        assertThat(overall).containsExactly("Respira Datos");
        List<String> peoples = page.json("$.awards[?(@.kind == 'PEOPLES_CHOICE')].team.name");
        assertThat(peoples).containsExactlyInAnyOrder("Smog Cero", "Vigías del Zancudo");
        List<String> entity = page.json("$.awards[?(@.kind == 'DISTINCTION')].publisher.name");
        assertThat(entity).contains("Servicio Nacional de Meteorología e Hidrología (SENAMHI)");
        List<String> members = page.json("$.awards[*].team.members[*]");
        assertThat(members).isNotEmpty().noneMatch(m -> m.contains("@"));
        assertThat(page.body()).doesNotContain("@example.org");

        String csv =
                client.get(null, "/api/v1/events/{e}/results/results.csv", id).expect(200).body();
        assertThat(csv.lines()).hasSize(5);
        client.get(null, "/api/v1/events/{e}/results/data.json", id).expect(200);
        client.get(newcomer, "/api/v1/events/{e}/results/draft", id).problem(403, "forbidden");
        User admin = fixtures.admin();
        client.get(admin, "/api/v1/events/{e}/certificates/runs/latest", id).expect(200);
    }
}
