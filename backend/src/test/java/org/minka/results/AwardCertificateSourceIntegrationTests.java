package org.minka.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.minka.certificate.Certificates;
import org.minka.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The award certificates the event's certificate run is given: none before publication; then one
 * per member of each awarded team and one per awarded publisher, in the recipient's language when
 * known, else the run's.
 */
class AwardCertificateSourceIntegrationTests extends IntegrationTest {

    @Autowired AwardCertificateSource source;

    @Test
    void dueWhenPublishedThenEveryAwardedMemberAndPublisherInTheirLanguage() {
        ResultsScenario s = new ResultsScenario(web, db, fixtures, false);
        s.api.post(s.organizer, s.results("/draft"), Map.of("places", 1)).expect(200);
        s.sql(
                "insert into notification_email_settings (user_id, mode, language)"
                        + " values ($1, 'OFF', 'en')",
                s.a.captain().id());

        assertThat(source.due(s.event, "es").collectList().block()).isEmpty();

        s.api.post(s.organizer, s.results("/publish"), null).expect(200);
        List<Certificates.Issue> due = source.due(s.event, "es").collectList().block();

        assertThat(due).allMatch(i -> i.kind().equals("award"));
        Certificates.Issue captain = recipient(due, s.a.captain().id()).get(0);
        assertThat(captain.language()).isEqualTo("en");
        assertThat(captain.achievement()).startsWith("Place 1 in the challenge “Vacunación”");
        assertThat(captain.recipientName()).doesNotContain("@");
        Certificates.Issue member = recipient(due, s.a.member().id()).get(0);
        assertThat(member.language()).isEqualTo("es");
        assertThat(member.achievement()).startsWith("Puesto 1 en el reto «Vacunación»");
        assertThat(recipient(due, s.d.member().id())).hasSize(1);
        assertThat(recipient(due, s.b.member().id())).isEmpty();
        assertThat(recipient(due, s.minsa)).isNotEmpty().allMatch(i -> i.language().equals("es"));
        assertThat(recipient(due, s.region)).hasSize(1);
        assertThat(due.stream().map(i -> i.subjectId() + "/" + i.recipientId()).distinct())
                .hasSize(due.size());
    }

    private static List<Certificates.Issue> recipient(List<Certificates.Issue> due, UUID id) {
        return due.stream().filter(i -> i.recipientId().equals(id)).toList();
    }
}
