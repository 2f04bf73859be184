package org.minka.submission;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.minka.common.AuditLog;
import org.minka.common.Checks;
import org.minka.common.MinkaException;
import org.minka.common.ProblemType;
import org.minka.common.RequestLog;
import org.minka.event.EventSettings;
import org.minka.security.CurrentUser;
import org.minka.storage.ObjectStore;
import org.minka.submission.SubmissionPolicy.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * What streamed uploads and presigned slots share: the byte limit of an upload, notebook checks and
 * previews, the commit that makes a stored object an artifact, and the cleanup of a failed one. An
 * upload is recorded (table {@code uploads}) before any byte reaches the store; the artifact row
 * replaces that record in one transaction that also checks the deadline and the team quota. So an
 * object always has a row, and a row always has its object: a failure deletes the object while the
 * upload record still stands, and what a crash leaves behind, the reaper removes.
 */
@Component
class ArtifactIntake {

    private static final Logger log = LoggerFactory.getLogger(ArtifactIntake.class);

    private final ArtifactRepository artifacts;
    private final SubmissionWindow window;
    private final ObjectStore store;
    private final NotebookInspector inspector;
    private final NotebookPreview previews;
    private final SubmissionProperties properties;
    private final AuditLog audit;

    ArtifactIntake(
            ArtifactRepository artifacts,
            SubmissionWindow window,
            ObjectStore store,
            NotebookInspector inspector,
            NotebookPreview previews,
            SubmissionProperties properties,
            AuditLog audit) {
        this.artifacts = artifacts;
        this.window = window;
        this.store = store;
        this.inspector = inspector;
        this.previews = previews;
        this.properties = properties;
        this.audit = audit;
    }

    /** What was stored, before the row that makes it an artifact is written. */
    record Stored(
            UUID id,
            ArtifactKind kind,
            String filename,
            String contentType,
            long size,
            String sha256,
            String key,
            NotebookFacts notebook,
            String previewKey) {}

    /** How many bytes this upload may have, and the problem to answer past that. */
    record Limit(long bytes, MinkaException over) {}

    /** The objects of one upload, and its record. */
    record Pending(UUID id, String key, String previewKey) {

        static Pending of(UUID submissionId, UUID id, ArtifactKind kind) {
            String preview =
                    kind == ArtifactKind.NOTEBOOK
                            ? ArtifactIntake.previewKey(submissionId, id)
                            : null;
            return new Pending(id, ArtifactIntake.objectKey(submissionId, id), preview);
        }
    }

    static String objectKey(UUID submissionId, UUID id) {
        return "artifacts/" + submissionId + "/" + id;
    }

    static String previewKey(UUID submissionId, UUID id) {
        return "previews/" + submissionId + "/" + id + ".html";
    }

    /** The smaller of the file limit and what is left of the team's quota (413 when nothing). */
    Mono<Limit> limit(UUID teamId, EventSettings settings, ArtifactKind kind) {
        Limit file = fileLimit(settings, kind);
        long quota = settings.maxTeamBytes();
        return artifacts
                .usedBytes(teamId)
                .map(used -> quota - used)
                .flatMap(remaining -> within(file, remaining, quota));
    }

    private Limit fileLimit(EventSettings settings, ArtifactKind kind) {
        long max = settings.maxFileBytes();
        if (kind == ArtifactKind.NOTEBOOK && properties.maxNotebookBytes() < max) {
            max = properties.maxNotebookBytes();
        }
        return new Limit(max, ArtifactProblems.fileTooLarge(max));
    }

    private static Mono<Limit> within(Limit file, long remaining, long quota) {
        MinkaException over = ArtifactProblems.quotaExceeded(quota);
        if (remaining <= 0) {
            return Mono.error(over);
        }
        return Mono.just(remaining < file.bytes() ? new Limit(remaining, over) : file);
    }

    /** Validates a notebook, renders its preview and stores both (the notebook unless already). */
    Mono<Stored> storeNotebook(Pending p, String filename, byte[] bytes, boolean put) {
        String type = FileTypes.contentType("ipynb");
        return Mono.fromCallable(() -> inspectNotebook(bytes, filename))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(checked -> putNotebook(p, filename, bytes, put, checked))
                .map(
                        facts ->
                                new Stored(
                                        p.id(),
                                        ArtifactKind.NOTEBOOK,
                                        filename,
                                        type,
                                        bytes.length,
                                        sha256(bytes),
                                        p.key(),
                                        facts,
                                        p.previewKey()));
    }

    private Mono<NotebookFacts> putNotebook(
            Pending p, String filename, byte[] bytes, boolean put, CheckedNotebook checked) {
        Mono<?> notebook =
                put
                        ? store.put(
                                p.key(),
                                bytes,
                                FileTypes.contentType("ipynb"),
                                Map.of(
                                        "Content-Disposition",
                                        FileTypes.contentDisposition(filename)))
                        : Mono.empty();
        Mono<?> preview =
                store.put(p.previewKey(), checked.html(), "text/html; charset=utf-8", Map.of());
        return notebook.then(preview).thenReturn(checked.facts());
    }

    private record CheckedNotebook(NotebookFacts facts, byte[] html) {}

    private CheckedNotebook inspectNotebook(byte[] bytes, String filename) {
        byte[] head = Arrays.copyOf(bytes, Math.min(bytes.length, FileTypes.SNIFF_BYTES));
        if (!FileTypes.headMatches("ipynb", head)) {
            throw ArtifactProblems.contentRejected("ipynb");
        }
        NotebookInspector.Result result = inspector.inspect(bytes);
        if (!result.valid()) {
            throw new MinkaException(
                    ProblemType.INVALID_NOTEBOOK,
                    "problem.invalid-notebook.detail",
                    result.errors(),
                    "v4",
                    NotebookInspector.MAX_ERRORS);
        }
        String html = previews.render(result.notebook(), filename);
        return new CheckedNotebook(result.facts(), html.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Turns the stored object into an artifact: in one transaction, the deadline (database now()
     * plus grace), the end of the upload record, the team quota, the artifact row and the audit.
     */
    Mono<Submission.Artifact> commit(Context ctx, Stored s, String mode, CurrentUser user) {
        var row = ctx.row();
        long quota = ctx.settings().maxTeamBytes();
        Mono<Submission.Artifact> write =
                Checks.require(
                                artifacts.deleteUpload(s.id()),
                                () -> MinkaException.notFound("upload slot"))
                        .then(
                                Checks.require(
                                        artifacts.reserve(row.teamId(), s.size(), quota),
                                        () -> ArtifactProblems.quotaExceeded(quota)))
                        .then(insertArtifact(row, s, user))
                        .then(auditUpload(row, s, mode, user))
                        .then(artifacts.artifact(row.id(), s.id()))
                        .map(ArtifactRepository.ArtifactRow::view);
        return window.whileAccepting(row.eventId(), ctx.settings(), write);
    }

    private Mono<Void> insertArtifact(SubmissionRepository.Row row, Stored s, CurrentUser user) {
        return artifacts.insertArtifact(
                s.id(),
                row.id(),
                row.teamId(),
                s.kind(),
                s.filename(),
                s.contentType(),
                s.size(),
                s.sha256(),
                s.key(),
                s.notebook(),
                s.previewKey(),
                user.id());
    }

    private Mono<Void> auditUpload(
            SubmissionRepository.Row row, Stored s, String mode, CurrentUser user) {
        Map<String, Object> details =
                Map.of(
                        "submissionId", row.id(),
                        "artifactId", s.id(),
                        "mode", mode,
                        "kind", s.kind().name(),
                        "sizeBytes", s.size(),
                        "sha256", s.sha256());
        return audit.record(row.eventId(), user.id(), "submission.artifact-uploaded", details);
    }

    /**
     * Best effort, while the upload record stands (no artifact was made of it): deletes the object,
     * its preview, then the record. What fails, the reaper retries; an upload that became an
     * artifact keeps its objects.
     */
    Mono<Void> cleanup(Pending p) {
        return artifacts
                .uploadExists(p.id())
                .filter(pending -> pending)
                .flatMap(pending -> deleteObjects(p))
                .onErrorResume(ex -> leftForReaper(p.key(), ex));
    }

    private Mono<Void> deleteObjects(Pending p) {
        Mono<Void> preview = p.previewKey() == null ? Mono.empty() : store.delete(p.previewKey());
        return store.delete(p.key()).then(preview).then(artifacts.deleteUpload(p.id())).then();
    }

    private static Mono<Void> leftForReaper(String key, Throwable ex) {
        return RequestLog.warn(log, "Cleanup of {} left for the reaper: {}", key, ex.toString());
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
