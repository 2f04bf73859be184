package org.minka.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.minka.support.IntegrationTest;
import org.minka.support.RawHttp;
import org.minka.support.RawHttp.Raw;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An upload's parts other than the file are read and dropped, never kept, and only up to the body
 * limit: a hostile client that streams an endless extra part, or an endless form field, gets 413
 * and the server stops reading. Nothing is stored.
 */
class UploadOtherPartsIntegrationTests extends IntegrationTest {

    private static final long HUGE = 64L * 1024 * 1024;
    private static final long LIMIT = 1024 * 1024;
    private static final String BOUNDARY = "minka-hostile-boundary";

    @LocalServerPort int port;

    @Test
    void uploadWhenExtraFilePartIsEndlessThen413AndServerStopsReading() throws Exception {
        assertRefused("name=\"extra\"; filename=\"padding.bin\"");
    }

    @Test
    void uploadWhenFormFieldIsEndlessThen413AndServerStopsReading() throws Exception {
        assertRefused("name=\"notes\"");
    }

    private void assertRefused(String disposition) throws Exception {
        SubmissionScenario s = new SubmissionScenario(web, db, fixtures, null);
        UUID submission = s.submission();
        String head =
                "POST /api/v1/submissions/"
                        + submission
                        + "/artifacts?kind=DATA HTTP/1.1\r\nHost: localhost\r\n"
                        + "Authorization: Bearer "
                        + s.member.token()
                        + "\r\nContent-Type: multipart/form-data; boundary="
                        + BOUNDARY
                        + "\r\nTransfer-Encoding: chunked\r\n\r\n";
        String part =
                "--"
                        + BOUNDARY
                        + "\r\nContent-Disposition: form-data; "
                        + disposition
                        + "\r\nContent-Type: application/octet-stream\r\n\r\n";

        Raw raw = RawHttp.send(port, head, part, HUGE, true);

        assertThat(raw.status()).isEqualTo(413);
        assertThat(raw.headers().get("content-type")).startsWith("application/problem+json");
        assertThat(raw.body()).contains("https://minka.dev/problems/");
        assertThat(raw.cut()).as("the server closed the connection").isTrue();
        assertThat(raw.sent())
                .as("bytes the server took before it stopped reading")
                .isLessThan(16 * LIMIT);
        assertThat(count("select count(*) from uploads where submission_id = $1", submission))
                .isZero();
        assertThat(count("select count(*) from artifacts where submission_id = $1", submission))
                .isZero();
    }
}
