package org.minka.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.minka.storage.ObjectStore;
import org.minka.support.Api;
import org.minka.support.Fixtures.User;
import org.minka.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import reactor.core.publisher.Flux;

/** Issue 15 item 3 / issue 16 item 4: issue, verify, download, revoke, and the reaper. */
class CertificateIntegrationTests extends IntegrationTest {

    @Autowired org.minka.storage.ObjectStore bucket;

    /** The contract is parsed before the first request, not inside its 30 s response timeout. */
    @org.junit.jupiter.api.BeforeAll
    static void contractParsed() {
        org.minka.support.ContractCheck.validator();
    }

    /** Certificates are stored: the bucket is there even if startup could not create it. */
    @org.junit.jupiter.api.BeforeEach
    void bucketReady() {
        bucket.ensureBucket().block();
    }

    @Autowired Certificates certificates;
    @Autowired CertificateReaper reaper;
    @Autowired ObjectStore store;

    static Certificates.Issue issue(UUID subject, UUID recipient) {
        return new Certificates.Issue(
                "test-award",
                subject,
                recipient,
                "Rosa Huamán",
                "won first place in the challenge \u201cClean air\u201d",
                "Datathon 2026",
                "en");
    }

    private long pdfs() {
        return store.list(Certificates.PREFIX).count().block();
    }

    @Test
    void issueWhenCalledConcurrentlyAndAgainThenOneCodeOneRowOnePdf() {
        UUID subject = UUID.randomUUID();
        UUID recipient = UUID.randomUUID();
        long before = pdfs();

        List<String> codes =
                Flux.range(0, 4)
                        .flatMap(i -> certificates.issue(issue(subject, recipient)))
                        .map(Certificates.Issued::code)
                        .collectList()
                        .block();
        String again = certificates.issue(issue(subject, recipient)).block().code();

        assertThat(codes).hasSize(4).containsOnly(again);
        assertThat(count("select count(*) from certificates where subject_id = $1", subject))
                .isEqualTo(1);
        assertThat(pdfs()).isEqualTo(before + 1);
    }

    @Test
    void verifyWhenIssuedThenPublicViewAndPdfWithQrToVerifyUrl() throws Exception {
        String code =
                certificates.issue(issue(UUID.randomUUID(), UUID.randomUUID())).block().code();
        Api api = new Api(web, fixtures);

        Api.Reply view = api.get(null, "/api/v1/certificates/{code}", code).expect(200);
        assertThat(view.<String>json("$.recipientName")).isEqualTo("Rosa Huamán");
        assertThat(view.<String>json("$.context")).isEqualTo("Datathon 2026");
        assertThat(view.<Boolean>json("$.revoked")).isFalse();
        String url = view.json("$.verifyUrl");
        assertThat(url).endsWith("/api/v1/certificates/" + code);

        byte[] pdf =
                web.get()
                        .uri("/api/v1/certificates/{code}/pdf", code)
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectHeader()
                        .contentType(MediaType.APPLICATION_PDF)
                        .expectBody(byte[].class)
                        .returnResult()
                        .getResponseBody();
        assertThat(CertificateRendererTests.text(pdf))
                .contains("Rosa Huamán")
                .contains("Verification code: " + code);
        assertThat(CertificateRendererTests.qr(pdf)).isEqualTo(url);
    }

    @Test
    void verifyWhenUnknownOrMalformedCodeThen404() {
        Api api = new Api(web, fixtures);
        api.get(null, "/api/v1/certificates/{code}", Certificates.newCode())
                .problem(404, "not-found");
        api.get(null, "/api/v1/certificates/{code}", "not-a-code").problem(404, "not-found");
        api.get(null, "/api/v1/certificates/{code}/pdf", Certificates.newCode())
                .problem(404, "not-found");
    }

    @Test
    void revokeWhenAdminThenRevokedWithReasonAuditedAndOnlyOnce() {
        String code =
                certificates.issue(issue(UUID.randomUUID(), UUID.randomUUID())).block().code();
        Api api = new Api(web, fixtures);
        User admin = fixtures.admin();
        User citizen = fixtures.user("citizen");
        String path = "/api/v1/certificates/{code}/revocation";
        Map<String, Object> body = Map.of("reason", "Awarded in error");

        api.post(null, path, body, code).problem(401, "unauthorized");
        api.post(citizen, path, body, code).problem(403, "forbidden");
        api.post(admin, path, Map.of("reason", " "), code).problem(400, "validation-failed");
        assertThat(
                        count(
                                "select count(*) from certificates where code = $1 and revoked_at is not null",
                                code))
                .isZero();
        Api.Reply revoked = api.post(admin, path, body, code).expect(200);
        assertThat(revoked.<Boolean>json("$.revoked")).isTrue();
        assertThat(revoked.<String>json("$.revokedReason")).isEqualTo("Awarded in error");
        api.post(admin, path, body, code).problem(409, "certificate-revoked");
        api.post(admin, path, body, Certificates.newCode()).problem(404, "not-found");

        assertThat(api.get(null, "/api/v1/certificates/{code}", code).<Boolean>json("$.revoked"))
                .isTrue();
        assertThat(
                        count(
                                "select count(*) from audit_log where action = 'certificate.revoked'"
                                        + " and details->>'code' = $1 and actor_id = $2",
                                code,
                                admin.id()))
                .isEqualTo(1);
    }

    @Test
    void sweepWhenPdfHasNoRowThenDeletedAndIssuedPdfsKept() {
        String code =
                certificates.issue(issue(UUID.randomUUID(), UUID.randomUUID())).block().code();
        String orphan = Certificates.PREFIX + Certificates.newCode() + ".pdf";
        store.put(orphan, new byte[] {1, 2, 3}, "application/pdf").block();

        clock.advance(Duration.ofMinutes(5));
        reaper.sweep(Duration.ofMinutes(1)).block();

        assertThat(store.stat(orphan).blockOptional()).isEmpty();
        assertThat(store.stat(Certificates.PREFIX + code + ".pdf").blockOptional()).isPresent();
    }
}
