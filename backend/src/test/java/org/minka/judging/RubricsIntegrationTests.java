package org.minka.judging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.minka.support.Fixtures;
import org.minka.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

class RubricsIntegrationTests extends IntegrationTest {

    @Autowired Rubrics rubrics;

    @Test
    void effectiveWhenEventHasNoRubricThenWritesTheDefaultOnce() {
        Fixtures fx = new Fixtures(web, tokens);
        var admin = fx.admin();
        UUID event = fx.event(admin, true);
        UUID challenge = fx.challenge(event, admin, "Agua potable");

        var first = rubrics.effective(event, challenge).block();
        var second = rubrics.effective(event, challenge).block();

        assertThat(first.rubric()).isEqualTo(Rubric.DEFAULT);
        assertThat(first.challengeId()).isNull();
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(count("select count(*) from judging_rubrics where event_id = $1", event))
                .isEqualTo(1);
    }

    @Test
    void insertWhenWeightsDoNotSumTo100ThenTheDatabaseRefuses() {
        Fixtures fx = new Fixtures(web, tokens);
        UUID event = fx.event(fx.admin(), true);
        String criteria =
                "[{\"key\":\"impact\",\"weight\":60,\"min\":1,\"max\":5},"
                        + "{\"key\":\"data\",\"weight\":30,\"min\":1,\"max\":5}]";

        assertThatThrownBy(
                        () ->
                                db.sql(
                                                "insert into judging_rubrics (event_id, criteria)"
                                                        + " values ($1, cast($2 as jsonb))")
                                        .bind(0, event)
                                        .bind(1, criteria)
                                        .then()
                                        .block())
                .hasMessageContaining("judging_rubrics_criteria_valid");
        assertThat(count("select count(*) from judging_rubrics where event_id = $1", event))
                .isZero();
    }

    @Test
    void weightedTotalWhenAllAtMaxThen100AndAtMinThen0() {
        var max = new java.util.HashMap<String, Integer>();
        var min = new java.util.HashMap<String, Integer>();
        Rubric.DEFAULT.criteria().forEach(c -> max.put(c.key(), c.max()));
        Rubric.DEFAULT.criteria().forEach(c -> min.put(c.key(), c.min()));

        assertThat(Rubric.DEFAULT.weightSum()).isEqualTo(100);
        assertThat(Rubric.DEFAULT.weightedTotal(max)).isEqualTo(100.0);
        assertThat(Rubric.DEFAULT.weightedTotal(min)).isEqualTo(0.0);
    }
}
