package org.minka.recognition;

import io.r2dbc.spi.Readable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.minka.common.Cursor;
import org.minka.common.PageRequest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
class FeedbackRepository {

    private static final String REPORT =
            """
            r.id, r.dataset_id, r.dataset_title, r.publisher_id, r.reporter_id, r.kind, r.text,
            r.evidence_url, r.evidence_submission_id, r.evidence_artifact_id, r.evidence_cell,
            r.status, r.created_at, r.first_answered_at, r.triaged_at, r.version""";

    private final DatabaseClient db;

    FeedbackRepository(DatabaseClient db) {
        this.db = db;
    }

    /** A report row. */
    record Row(
            UUID id,
            UUID datasetId,
            String datasetTitle,
            UUID publisherId,
            UUID reporterId,
            String kind,
            String text,
            DatasetReport.Evidence evidence,
            String status,
            Instant createdAt,
            Instant firstAnsweredAt,
            Instant triagedAt,
            long version) {}

    /** An answer row. */
    record AnswerRow(UUID reportId, UUID authorId, String status, String text, Instant at) {}

    /** What to list: every filter is optional; {@code triagedOnly} for the public. */
    record Filter(
            UUID publisherId, UUID datasetId, String kind, String status, boolean triagedOnly) {}

    Mono<UUID> insert(
            DatasetReport.Create c,
            UUID datasetId,
            String title,
            UUID publisherId,
            UUID by,
            Instant at) {
        DatasetReport.Evidence e = c.evidence();
        return db.sql(
                        """
                        insert into dataset_reports (dataset_id, dataset_title, publisher_id,
                          reporter_id, kind, text, evidence_url, evidence_submission_id,
                          evidence_artifact_id, evidence_cell, created_at)
                        values (:d, :title, :p, :by, :kind, :text, :url, :sub, :art, :cell, :at)
                        returning id""")
                .bind("d", datasetId)
                .bind("title", title)
                .bind("p", publisherId)
                .bind("by", by)
                .bind("kind", c.kind())
                .bind("text", c.text().strip())
                .bind(
                        "url",
                        Parameter.fromOrEmpty(e == null ? null : e.resourceUrl(), String.class))
                .bind("sub", Parameter.fromOrEmpty(e == null ? null : e.submissionId(), UUID.class))
                .bind("art", Parameter.fromOrEmpty(e == null ? null : e.artifactId(), UUID.class))
                .bind("cell", Parameter.fromOrEmpty(e == null ? null : e.cell(), Integer.class))
                .bind("at", at)
                .map(row -> row.get(0, UUID.class))
                .one();
    }

    Mono<Row> find(UUID id) {
        return db.sql("select " + REPORT + " from dataset_reports r where r.id = :id")
                .bind("id", id)
                .map(FeedbackRepository::row)
                .one();
    }

    Flux<Row> list(Filter filter, PageRequest page) {
        List<String> where = new ArrayList<>();
        Map<String, Object> binds = new LinkedHashMap<>();
        condition(where, binds, "r.publisher_id = :p", "p", filter.publisherId());
        condition(where, binds, "r.dataset_id = :d", "d", filter.datasetId());
        condition(where, binds, "r.kind = :kind", "kind", filter.kind());
        condition(where, binds, "r.status = :status", "status", filter.status());
        if (filter.triagedOnly()) {
            where.add("r.status <> 'OPEN'");
        }
        Cursor after = page.after();
        if (after != null) {
            where.add("(r.created_at, r.id) > (:at, :id)");
            binds.put("at", after.createdAt());
            binds.put("id", after.id());
        }
        String sql =
                "select "
                        + REPORT
                        + " from dataset_reports r"
                        + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
                        + " order by r.created_at, r.id limit :n";
        var spec = db.sql(sql).bind("n", page.fetchSize());
        for (Map.Entry<String, Object> bind : binds.entrySet()) {
            spec = spec.bind(bind.getKey(), bind.getValue());
        }
        return spec.map(FeedbackRepository::row).all();
    }

    private static void condition(
            List<String> where, Map<String, Object> binds, String sql, String name, Object value) {
        if (value != null) {
            where.add(sql);
            binds.put(name, value);
        }
    }

    Flux<AnswerRow> answers(Collection<UUID> reportIds) {
        return db.sql(
                        """
                        select report_id, author_id, status, text, created_at
                        from dataset_report_answers where report_id = any(:ids)
                        order by created_at, id""")
                .bind("ids", reportIds.toArray(UUID[]::new))
                .map(
                        r ->
                                new AnswerRow(
                                        r.get("report_id", UUID.class),
                                        r.get("author_id", UUID.class),
                                        r.get("status", String.class),
                                        r.get("text", String.class),
                                        r.get("created_at", Instant.class)))
                .all();
    }

    Mono<Void> insertAnswer(UUID reportId, UUID by, DatasetReport.AnswerRequest a, Instant at) {
        return db.sql(
                        """
                        insert into dataset_report_answers (report_id, author_id, status, text,
                          created_at)
                        values (:r, :by, :status, :text, :at)""")
                .bind("r", reportId)
                .bind("by", by)
                .bind("status", a.status())
                .bind("text", a.text().strip())
                .bind("at", at)
                .then();
    }

    /** Sets the status after an answer; 0 when the version is not {@code expected} (if given). */
    Mono<Long> answered(UUID reportId, String status, Instant at, Long expected) {
        return db.sql(
                        """
                        update dataset_reports set status = :status,
                          first_answered_at = coalesce(first_answered_at, greatest(:at, created_at)),
                          triaged_at = coalesce(triaged_at, greatest(:at, created_at)),
                          version = version + 1
                        where id = :r and (cast(:v as bigint) is null or version = :v)""")
                .bind("status", status)
                .bind("at", at)
                .bind("r", reportId)
                .bind("v", Parameter.fromOrEmpty(expected, Long.class))
                .fetch()
                .rowsUpdated();
    }

    /** Per publisher: reports in [from, to), answered, fixed, median seconds to first answer. */
    Flux<ScoreSignals.Responsiveness> responsiveness(
            Collection<UUID> publisherIds, Instant from, Instant to) {
        return db.sql(
                        """
                        select publisher_id, count(*) as reports,
                          count(first_answered_at) as answered,
                          count(*) filter (where status = 'FIXED') as fixed,
                          percentile_cont(0.5) within group (order by
                            extract(epoch from first_answered_at - created_at)) as median
                        from dataset_reports
                        where publisher_id = any(:p) and created_at >= :from and created_at < :to
                        group by publisher_id order by publisher_id""")
                .bind("p", publisherIds.toArray(UUID[]::new))
                .bind("from", from)
                .bind("to", to)
                .map(FeedbackRepository::responsiveness)
                .all();
    }

    private static ScoreSignals.Responsiveness responsiveness(Readable r) {
        Double median = r.get("median", Double.class);
        return new ScoreSignals.Responsiveness(
                r.get("publisher_id", UUID.class),
                r.get("reports", Long.class),
                r.get("answered", Long.class),
                r.get("fixed", Long.class),
                median == null ? null : Duration.ofMillis(Math.round(median * 1000)));
    }

    private static Row row(Readable r) {
        String url = r.get("evidence_url", String.class);
        UUID submission = r.get("evidence_submission_id", UUID.class);
        DatasetReport.Evidence evidence =
                url == null && submission == null
                        ? null
                        : new DatasetReport.Evidence(
                                url,
                                submission,
                                r.get("evidence_artifact_id", UUID.class),
                                r.get("evidence_cell", Integer.class));
        return new Row(
                r.get("id", UUID.class),
                r.get("dataset_id", UUID.class),
                r.get("dataset_title", String.class),
                r.get("publisher_id", UUID.class),
                r.get("reporter_id", UUID.class),
                r.get("kind", String.class),
                r.get("text", String.class),
                evidence,
                r.get("status", String.class),
                r.get("created_at", Instant.class),
                r.get("first_answered_at", Instant.class),
                r.get("triaged_at", Instant.class),
                r.get("version", Long.class));
    }
}
