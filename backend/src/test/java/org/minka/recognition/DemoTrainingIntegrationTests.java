package org.minka.recognition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.minka.support.Api;
import org.minka.support.DemoTraining;
import org.minka.support.Fixtures.User;
import org.minka.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The `make run` demo course, loaded into the suite's database: what a new user sees. */
class DemoTrainingIntegrationTests extends IntegrationTest {

    @Autowired org.minka.storage.ObjectStore bucket;

    /** Certificates are stored: the bucket is there even if startup could not create it. */
    @org.junit.jupiter.api.BeforeEach
    void bucketReady() {
        bucket.ensureBucket().block();
    }

    @LocalServerPort int port;

    @Test
    void loadWhenRunTwiceThenOneCourseWithSessionsAttendanceAndAVerifiableCertificate()
            throws Exception {
        User admin = fixtures.admin();
        User first = fixtures.user("demo-official");
        User second = fixtures.user("demo-citizen");
        DemoTraining demo = new DemoTraining("http://localhost:" + port);
        List<String> participants = List.of(first.token(), second.token());

        String id = demo.load(admin.token(), participants);
        assertThat(demo.load(admin.token(), participants)).isEqualTo(id);

        Api api = new Api(web, fixtures);
        Api.Reply course = api.get(null, "/api/v1/recognition/courses/{c}", id).expect(200);
        assertThat(course.<String>json("$.title")).isEqualTo(DemoTraining.TITLE);
        assertThat(course.<List<Object>>json("$.sessions")).hasSize(4);
        assertThat(course.<Integer>json("$.seatsLeft")).isEqualTo(38);
        assertThat(course.<Integer>json("$.completed")).isEqualTo(1);

        Api.Reply mine =
                api.get(first, "/api/v1/recognition/courses/{c}/enrolments/me", id).expect(200);
        assertThat(mine.<Integer>json("$.attended")).isEqualTo(3);
        String code = mine.json("$.certificateCode");
        Api.Reply certificate = api.get(null, "/api/v1/certificates/{code}", code).expect(200);
        assertThat(certificate.<String>json("$.achievement")).contains(DemoTraining.TITLE);
        assertThat(certificate.<Boolean>json("$.revoked")).isFalse();
        Api.Reply other =
                api.get(second, "/api/v1/recognition/courses/{c}/enrolments/me", id).expect(200);
        assertThat(other.<Integer>json("$.attended")).isEqualTo(2);
        assertThat(other.<String>json("$.certificateCode")).isNull();
    }
}
