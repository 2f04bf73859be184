package org.minka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minka.support.IntegrationTest;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * The keys of V42: uploads name a real team and a known kind; a comment's thread is a real help
 * request or submission, and deleting the thread deletes its comments.
 */
class MigrationKeysIntegrationTests extends IntegrationTest {

    private UUID user;
    private UUID event;
    private UUID team;
    private UUID submission;
    private UUID helpRequest;

    @BeforeEach
    void rows() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        user = id("insert into users (issuer, subject) values ('keys', :v) returning id", tag);
        event =
                id(
                        "insert into events (slug, title, settings, created_by)"
                                + " values ('keys-' || :v, 'Keys', '{}'::jsonb, '"
                                + user
                                + "') returning id",
                        tag);
        UUID challenge =
                id(
                        "insert into challenges (event_id, title) values ('"
                                + event
                                + "', :v) returning id",
                        tag);
        team =
                id(
                        "insert into teams (event_id, name, captain_id, join_code, max_size)"
                                + " values ('"
                                + event
                                + "', :v, '"
                                + user
                                + "', 'k' || :v, 5) returning id",
                        tag);
        submission =
                id(
                        "insert into submissions (event_id, team_id, challenge_id, title, licence,"
                                + " created_by) values ('"
                                + event
                                + "', '"
                                + team
                                + "', '"
                                + challenge
                                + "', :v, 'CC-BY-4.0', '"
                                + user
                                + "') returning id",
                        tag);
        helpRequest =
                id(
                        "insert into help_requests (event_id, challenge_id, team_id, opened_by,"
                                + " topic, body) values ('"
                                + event
                                + "', '"
                                + challenge
                                + "', '"
                                + team
                                + "', '"
                                + user
                                + "', :v, 'help') returning id",
                        tag);
    }

    @Test
    void insertUploadWhenTeamDoesNotExistThenForeignKeyRejectsIt() {
        assertThatThrownBy(() -> upload(UUID.randomUUID(), "DATA"))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("uploads_team_fk");
        assertThat(uploads()).isZero();
    }

    @Test
    void insertUploadWhenKindIsUnknownThenCheckRejectsIt() {
        assertThatThrownBy(() -> upload(team, "VIDEO"))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("uploads_kind_check");
        upload(team, "NOTEBOOK");
        assertThat(uploads()).isOne();
    }

    @Test
    void deleteTeamWhenItHasUploadsThenUploadsGoToo() {
        upload(team, "DATA");
        db.sql("delete from teams where id = :t").bind("t", team).then().block();
        assertThat(uploads()).isZero();
    }

    @Test
    void insertCommentWhenThreadIsNotARowOfItsKindThenRejected() {
        assertThatThrownBy(() -> comment("HELP_REQUEST", UUID.randomUUID(), null))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("comments_thread_fk");
        assertThatThrownBy(() -> comment("HELP_REQUEST", submission, null))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("comments_thread_fk");
        assertThatThrownBy(() -> comment("SUBMISSION", helpRequest, null))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("comments_thread_fk");
        assertThat(comments()).isZero();
    }

    @Test
    void deleteThreadWhenItHasCommentsAndRepliesThenTheyGoAndOtherThreadsStay() {
        UUID first = comment("HELP_REQUEST", helpRequest, null);
        comment("HELP_REQUEST", helpRequest, first);
        UUID onSubmission = comment("SUBMISSION", submission, null);
        comment("SUBMISSION", submission, onSubmission);

        db.sql("delete from help_requests where id = :h").bind("h", helpRequest).then().block();
        assertThat(comments()).isEqualTo(2);

        db.sql("delete from submissions where id = :s").bind("s", submission).then().block();
        assertThat(comments()).isZero();
    }

    private UUID upload(UUID teamId, String kind) {
        UUID id = UUID.randomUUID();
        db.sql(
                        "insert into uploads (id, submission_id, team_id, mode, kind, filename,"
                                + " object_key, created_by, expires_at) values (:id, :s, :t,"
                                + " 'STREAM', :kind, 'a.csv', :key, :u, now() + interval '1 hour')")
                .bind("id", id)
                .bind("s", submission)
                .bind("t", teamId)
                .bind("kind", kind)
                .bind("key", "keys/" + id)
                .bind("u", user)
                .then()
                .block();
        return id;
    }

    private UUID comment(String type, UUID thread, UUID parent) {
        var spec =
                db.sql(
                                "insert into comments (event_id, thread_type, thread_id, parent_id,"
                                        + " author_id, body) values (:e, :type, :thread,"
                                        + " cast(:parent as uuid), :u, 'hi') returning id")
                        .bind("e", event)
                        .bind("type", type)
                        .bind("thread", thread)
                        .bind("u", user);
        spec = parent == null ? spec.bindNull("parent", UUID.class) : spec.bind("parent", parent);
        return spec.map((row, meta) -> row.get("id", UUID.class)).one().block();
    }

    private long uploads() {
        return count("select count(*) from uploads where submission_id = :v", submission);
    }

    private long comments() {
        return count("select count(*) from comments where event_id = :v", event);
    }

    private long count(String sql, UUID value) {
        return db.sql(sql)
                .bind("v", value)
                .map((row, meta) -> row.get(0, Long.class))
                .one()
                .block();
    }

    private UUID id(String sql, String value) {
        return db.sql(sql)
                .bind("v", value)
                .map((row, meta) -> row.get("id", UUID.class))
                .one()
                .block();
    }
}
