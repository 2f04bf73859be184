package org.minka.judging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.minka.event.EventAccess;
import org.minka.event.Phase;
import org.minka.submission.SubmissionAccess;
import org.minka.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/** The shared judging fixture holds what its Javadoc promises. */
class JudgingScenarioIntegrationTests extends IntegrationTest {

    @Autowired SubmissionAccess submissions;
    @Autowired EventAccess events;

    @Test
    void buildWhenDoneThenCountedVersionsJudgesAndJudgingOpen() {
        JudgingScenario s = new JudgingScenario(web, db, fixtures);

        var counted = submissions.countedVersions(s.event).collectList().block();
        assertThat(counted)
                .extracting(SubmissionAccess.CountedVersion::submissionId)
                .containsExactlyInAnyOrderElementsOf(s.submissions())
                .doesNotContain(s.draftOnly.submission());
        assertThat(events.isOpen(s.event, Phase.JUDGING).block()).isTrue();
        assertThat(events.isJudge(s.event, s.health, s.judgeHealth.id()).block()).isTrue();
        assertThat(events.isJudge(s.event, s.water, s.judgeHealth.id()).block()).isFalse();
        assertThat(events.isJudge(s.event, s.water, s.judgeAll.id()).block()).isTrue();

        s.submitAgain(s.healthA);
        s.closeJudging();

        assertThat(events.hasClosed(s.event, Phase.JUDGING).block()).isTrue();
        assertThat(submissions.countedVersions(s.event).collectList().block())
                .filteredOn(c -> c.submissionId().equals(s.healthA.submission()))
                .extracting(SubmissionAccess.CountedVersion::number)
                .containsExactly(2);
    }
}
