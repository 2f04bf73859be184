package org.minka.recognition;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.minka.catalog.FakePortals;
import org.minka.certificate.Certificates;
import org.minka.storage.ObjectStore;
import org.minka.support.AccessMatrix;
import org.minka.support.AccessMatrix.Call;
import org.minka.support.Api;
import org.minka.support.CertificatePdfs;
import org.minka.support.Fixtures.User;
import org.minka.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/**
 * Issue 16 item 4: officials of a recognised publisher download a personal certificate of their
 * entity's recognition. The campaign (closed, recognisedTop 1) ranks a ministry of Lima first
 * nationally; two municipalities of Cusco tie first in their region; a third municipality of Cusco
 * is last everywhere.
 */
class RecognitionCertificateIntegrationTests extends IntegrationTest {

    static FakePortals portals;

    @BeforeAll
    static void startPortals() {
        portals = new FakePortals(2_000);
        org.minka.support.ContractCheck.validator();
    }

    @AfterAll
    static void stopPortals() {
        portals.close();
    }

    @Autowired RankingJob job;
    @Autowired Certificates certificates;
    @Autowired ObjectStore bucket;

    @BeforeEach
    void bucketReady() {
        bucket.ensureBucket().block();
    }

    static final Instant T0 = Instant.parse("2026-01-01T05:00:00Z");
    static final Instant T1 = Instant.parse("2026-07-01T05:00:00Z");
    static final String BASE = "/api/v1/recognition/campaigns/";

    record World(
            Api api,
            RecognitionFixtures f,
            UUID ministry,
            UUID cusco,
            UUID last,
            UUID closed,
            UUID open,
            UUID draft,
            User official,
            User regional,
            User unrecognised,
            User citizen) {

        String path(UUID campaign) {
            return BASE + campaign + "/certificate";
        }

        /** A new recognition certificate of the official's, to revoke. */
        String fresh() {
            return issuer.issue(
                            new Certificates.Issue(
                                    RecognitionCertificates.KIND,
                                    UUID.randomUUID(),
                                    official.id(),
                                    "Ana Quispe",
                                    "integra \u201cMinisterio\u201d",
                                    "Reconocimiento",
                                    "es"))
                    .block()
                    .code();
        }
    }

    private World world() {
        Api api = new Api(web, fixtures);
        User admin = fixtures.admin();
        RecognitionFixtures f = new RecognitionFixtures(api, db, portals, admin);
        UUID ministry = f.publisher("Ministerio", "MINISTRY", "Lima");
        UUID cusco = f.publisher("Municipalidad A", "MUNICIPALITY", "Cusco");
        UUID cusco2 = f.publisher("Municipalidad B", "MUNICIPALITY", "Cusco");
        UUID last = f.publisher("Municipalidad C", "MUNICIPALITY", "Cusco");
        Instant inside = T0.plusSeconds(86_400);
        f.dataset(ministry, "m1", inside, inside, "R/P1M", 400);
        f.dataset(ministry, "m2", inside, T1.minusSeconds(60), "R/P1M", 400);
        f.dataset(cusco, "c1", inside, T1.minusSeconds(60), "R/P1M", 250);
        f.dataset(cusco2, "c2", inside, T1.minusSeconds(60), "R/P1M", 250);
        f.dataset(last, "c3", T0.minusSeconds(86_400), T0.minusSeconds(86_400), null, 50);
        User official = member(api, admin, ministry, "official");
        User regional = member(api, admin, cusco, "regional");
        User unrecognised = member(api, admin, last, "unrecognised");
        UUID closed = campaign(api, f, "Cerrada", T0, T1, true);
        UUID open = campaign(api, f, "Abierta", T0, Instant.parse("2027-06-01T05:00:00Z"), true);
        UUID draft = campaign(api, f, "Borrador", T0, T1, false);
        job.runOnce().block();
        return new World(
                api,
                f,
                ministry,
                cusco,
                last,
                closed,
                open,
                draft,
                official,
                regional,
                unrecognised,
                fixtures.user("citizen"));
    }

    private User member(Api api, User admin, UUID publisher, String name) {
        User user = fixtures.user(name);
        api.call(
                        HttpMethod.PUT,
                        admin,
                        "/api/v1/catalog/publishers/{p}/members/{u}",
                        null,
                        publisher,
                        user.id())
                .expect(204);
        return user;
    }

    private UUID campaign(
            Api api,
            RecognitionFixtures f,
            String name,
            Instant opens,
            Instant closes,
            boolean publish) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Reconocimiento " + name + " " + RecognitionFixtures.tag());
        body.put("opensAt", opens.toString());
        body.put("closesAt", closes.toString());
        body.put("portalIds", List.of(f.portal.toString()));
        body.put("recognisedTop", 1);
        UUID id =
                UUID.fromString(
                        api.post(f.admin, "/api/v1/recognition/campaigns", body)
                                .expect(201)
                                .json("$.campaign.id"));
        if (publish) {
            f.publish(id);
        }
        return id;
    }

    /**
     * Issuing is idempotent, so the rows that issue share one world; revocation revokes a fresh
     * certificate per caller.
     */
    static final AccessMatrix<World> MATRIX =
            AccessMatrix.<World>of(
                            """
                                                      anonymous citizen official unrecognised admin
                            POST certificate of closed      401       403     201      422          403
                            POST certificate of open        401       409     409      409          409
                            POST certificate of draft       401       404     404      404          409
                            POST certificate of unknown     401       404     404      404          404
                            POST revocation                 401       403     403      403          200
                            """)
                    .read(
                            "POST certificate of closed",
                            w -> Call.json(HttpMethod.POST, w.path(w.closed()), null))
                    .read(
                            "POST certificate of open",
                            w -> Call.json(HttpMethod.POST, w.path(w.open()), null))
                    .read(
                            "POST certificate of draft",
                            w -> Call.json(HttpMethod.POST, w.path(w.draft()), null))
                    .read(
                            "POST certificate of unknown",
                            w -> Call.json(HttpMethod.POST, w.path(UUID.randomUUID()), null))
                    .read(
                            "POST revocation",
                            w ->
                                    Call.json(
                                            HttpMethod.POST,
                                            "/api/v1/certificates/" + w.fresh() + "/revocation",
                                            Map.of("reason", "Emitido por error")));

    static Stream<String> rows() {
        return MATRIX.rows();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void callWhenRoleVariesThenOnlyOfficialsOfRecognisedEntitiesGetOne(String row) {
        World w = MATRIX.scenario(row, "world", this::worldWithIssuer);
        MATRIX.verify(
                web,
                row,
                w,
                null,
                w.citizen().token(),
                w.official().token(),
                w.unrecognised().token(),
                w.f().admin.token());
    }

    private World worldWithIssuer() {
        World w = world();
        issuer = certificates;
        return w;
    }

    private static Certificates issuer;

    @Test
    void issueWhenOfficialOfNationalWinnerThenSpanishPdfWithQrAndSameCertificateAgain()
            throws Exception {
        World w = world();

        Api.Reply first =
                w.api().post(w.official(), w.path(w.closed()) + "?language=es", null).expect(201);
        String code = first.json("$.code");
        assertThat(first.headers().getLocation()).hasToString("/api/v1/certificates/" + code);
        assertThat(first.<String>json("$.scope")).isEqualTo("NATIONAL");
        assertThat(first.<Integer>json("$.rank")).isEqualTo(1);
        assertThat(first.<String>json("$.publisherId")).isEqualTo(w.ministry().toString());
        String url = first.json("$.verifyUrl");
        assertThat(url).endsWith("/api/v1/certificates/" + code);

        Api.Reply again =
                w.api().post(w.official(), w.path(w.closed()) + "?language=en", null).expect(200);
        assertThat(again.<String>json("$.code")).isEqualTo(code);
        assertThat(
                        count(
                                "select count(*) from certificates where kind = 'recognition'"
                                        + " and subject_id = $1 and recipient_id = $2",
                                w.closed(),
                                w.official().id()))
                .isEqualTo(1);

        Api.Reply verify = w.api().get(null, "/api/v1/certificates/{c}", code).expect(200);
        assertThat(verify.<String>json("$.kind")).isEqualTo("recognition");
        assertThat(verify.<String>json("$.subjectId")).isEqualTo(w.closed().toString());
        assertThat(verify.<String>json("$.language")).isEqualTo("es");
        byte[] pdf = pdf(first.json("$.pdfUrl"));
        String text = CertificatePdfs.text(pdf).replaceAll("\\s+", " ");
        assertThat(text)
                .contains("CERTIFICADO")
                .contains("Se certifica que")
                .contains(name(w.official()))
                .contains("entidad reconocida con el puesto 1 a nivel nacional")
                .contains("Reconocimiento Cerrada")
                .contains("Código de verificación: " + code);
        assertThat(CertificatePdfs.qr(pdf)).isEqualTo(url);
    }

    @Test
    void issueWhenOfficialOfRegionalTieThenEnglishByAcceptLanguageSaysRegionAndTie()
            throws Exception {
        World w = world();

        byte[] body =
                web.post()
                        .uri(w.path(w.closed()))
                        .headers(h -> h.setBearerAuth(w.regional().token()))
                        .header("Accept-Language", "en-GB")
                        .exchange()
                        .expectStatus()
                        .isCreated()
                        .expectBody(byte[].class)
                        .returnResult()
                        .getResponseBody();
        String json = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        Api.Reply reply = w.api().get(null, "/api/v1/certificates/{c}", code(json)).expect(200);
        assertThat(json).contains("\"scope\":\"REGION\"").contains("\"tied\":true");
        assertThat(reply.<String>json("$.language")).isEqualTo("en");
        String text = CertificatePdfs.text(pdf(reply.json("$.pdfUrl"))).replaceAll("\\s+", " ");
        assertThat(text)
                .contains("CERTIFICATE")
                .contains("an entity recognised with rank 1 (tied) in the region Cusco")
                .contains("Verification code: " + code(json));
    }

    @Test
    void issueWhenBadInputOrNotRecognisedThenProblemAndNothingStored() {
        World w = world();
        Api api = w.api();

        api.post(w.official(), w.path(w.closed()) + "?language=fr", null)
                .problem(400, "validation-failed");
        api.post(w.official(), BASE + "not-a-uuid/certificate", null).expect(400);
        api.post(w.unrecognised(), w.path(w.closed()), null).problem(422, "entity-not-recognised");
        api.post(w.official(), w.path(w.open()), null).problem(409, "ranking-not-final");
        api.post(w.citizen(), w.path(w.closed()), null).problem(403, "forbidden");

        assertThat(
                        count(
                                "select count(*) from certificates where kind = 'recognition'"
                                        + " and subject_id = any($1)",
                                (Object) new UUID[] {w.closed(), w.open(), w.draft()}))
                .isZero();
    }

    @Test
    void revokeWhenAdminThenVerifyShowsRevokedAndOfficialGetsTheRevokedOne() {
        World w = world();
        Api api = w.api();
        String code = api.post(w.official(), w.path(w.closed()), null).expect(201).json("$.code");

        api.post(w.official(), "/api/v1/certificates/{c}/revocation", Map.of("reason", "no"), code)
                .problem(403, "forbidden");
        api.post(
                        w.f().admin,
                        "/api/v1/certificates/{c}/revocation",
                        Map.of("reason", "La entidad fue descalificada"),
                        code)
                .expect(200);

        assertThat(
                        api.get(null, "/api/v1/certificates/{c}", code)
                                .expect(200)
                                .<Boolean>json("$.revoked"))
                .isTrue();
        Api.Reply again = api.post(w.official(), w.path(w.closed()), null).expect(200);
        assertThat(again.<String>json("$.code")).isEqualTo(code);
        assertThat(again.<Boolean>json("$.revoked")).isTrue();
    }

    private byte[] pdf(String path) {
        return web.get()
                .uri(path)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PDF)
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();
    }

    private String name(User user) {
        return db.sql("select name from users where id = $1")
                .bind(0, user.id())
                .map(row -> row.get(0, String.class))
                .one()
                .block();
    }

    private static String code(String json) {
        return com.jayway.jsonpath.JsonPath.read(json, "$.code");
    }
}
