package org.minka.results;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.minka.support.Api.Reply;
import org.minka.support.IntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The published results as open data: data.json validates against the DCAT-US 1.1 JSON Schemas
 * (copied verbatim into the test resources, see dcat-us/SOURCES.md), and the CSV and JSON
 * distributions hold one row per ranked submission.
 */
class ResultsOpenDataIntegrationTests extends IntegrationTest {

    private static final String SCHEMA_BASE = "https://project-open-data.cio.gov/v1.1/schema/";

    private static Schema catalogSchema() {
        SchemaRegistry registry =
                SchemaRegistry.withDefaultDialect(
                        SpecificationVersion.DRAFT_4,
                        builder -> builder.schemas(ResultsOpenDataIntegrationTests::schemaText));
        return registry.getSchema(SchemaLocation.of(SCHEMA_BASE + "catalog.json"));
    }

    private static String schemaText(String iri) {
        String name = iri.replace("#", "");
        if (!name.startsWith(SCHEMA_BASE)) {
            return null;
        }
        String resource = "dcat-us/" + name.substring(SCHEMA_BASE.length());
        try (InputStream in =
                ResultsOpenDataIntegrationTests.class
                        .getClassLoader()
                        .getResourceAsStream(resource)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void dataJsonWhenPublishedThenValidDcatUsCatalogWithCsvAndJsonDistributions() {
        ResultsScenario s = new ResultsScenario(web, db, fixtures, false);
        s.api.post(s.organizer, s.results("/draft"), null).expect(200);
        s.api.get(null, s.results("/data.json")).problem(404, "not-found");
        s.api.get(null, s.results("/results.csv")).problem(404, "not-found");
        s.api.post(s.organizer, s.results("/publish"), null).expect(200);

        Reply reply = s.api.get(null, s.results("/data.json")).expect(200);
        JsonNode catalog = JsonMapper.builder().build().readTree(reply.body());

        assertThat(catalogSchema().validate(catalog)).isEmpty();
        assertThat(reply.<List<Object>>json("$.dataset")).hasSize(1);
        assertThat(reply.<String>json("$.dataset[0].license"))
                .isEqualTo("https://creativecommons.org/licenses/by/4.0/");
        List<String> types = reply.json("$.dataset[0].distribution[*].mediaType");
        assertThat(types).containsExactly("text/csv", "application/json");
        List<String> urls = reply.json("$.dataset[0].distribution[*].downloadURL");
        assertThat(urls)
                .allMatch(u -> u.startsWith("http") && u.contains("/api/v1/events/" + s.event));
        assertThat(reply.<String>json("$.dataset[0].publisher.name")).isNotBlank();
    }

    @Test
    void dataJsonWhenBrokenThenTheSchemaCheckFails() {
        Map<String, Object> broken =
                Map.of(
                        "conformsTo",
                        "https://project-open-data.cio.gov/v1.1/schema",
                        "dataset",
                        List.of(Map.of("title", "sin publisher ni identificador")));
        JsonNode node = JsonMapper.builder().build().valueToTree(broken);

        assertThat(catalogSchema().validate(node)).isNotEmpty();
    }

    @Test
    void csvWhenPublishedThenOneUtf8RowPerRankedSubmission() {
        ResultsScenario s = new ResultsScenario(web, db, fixtures, false);
        s.vote(s.a.submission());
        s.closeVoting();
        s.api.post(s.organizer, s.results("/draft"), Map.of("licence", "CC-BY-SA-4.0")).expect(200);
        s.api.post(
                        s.organizer,
                        s.results("/disqualifications"),
                        Map.of("submissionId", s.c.submission().toString(), "reason", "Plagio"))
                .expect(200);
        s.api.post(s.organizer, s.results("/publish"), null).expect(200);

        var result =
                web.get()
                        .uri(s.results("/results.csv"))
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody(byte[].class)
                        .returnResult();
        String csv = new String(result.getResponseBody(), StandardCharsets.UTF_8);
        List<String> lines = csv.lines().toList();

        assertThat(result.getResponseHeaders().getContentType().toString())
                .startsWith("text/csv")
                .contains("UTF-8");
        assertThat(lines.get(0)).isEqualTo(ResultsOpenData.CSV_HEADER);
        assertThat(lines).hasSize(4);
        assertThat(lines.get(1))
                .startsWith(s.health + ",Vacunación,1,Equipo ")
                .endsWith(",1," + s.minsaUrl);
        assertThat(csv).doesNotContain(s.c.submission().toString());
        assertThat(lines.stream().filter(l -> l.startsWith(s.water.toString()))).hasSize(1);

        Reply json = s.api.get(null, s.results("/results.json")).expect(200);
        assertThat(json.<List<Object>>json("$.rows")).hasSize(3);
        assertThat(json.<String>json("$.licence")).isEqualTo("CC-BY-SA-4.0");
        assertThat(s.api.get(null, s.results("/data.json")).<String>json("$.dataset[0].license"))
                .isEqualTo("https://creativecommons.org/licenses/by-sa/4.0/");
    }
}
