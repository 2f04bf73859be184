package org.minka.submission;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.minka.common.MinkaException;
import org.minka.common.ProblemType;
import org.minka.event.EventSettings;
import org.minka.security.CurrentUser;
import org.minka.storage.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.core.scheduler.Schedulers;

/**
 * Artifacts: streamed uploads, presigned upload slots, downloads and notebook previews. An upload
 * is recorded (table {@code uploads}) before any byte reaches the store, the object is written
 * under a key made of ids only, and the artifact row replaces the upload record in one transaction
 * that also checks the deadline and the team quota. Any failure deletes the object; what a crash
 * leaves behind, the reaper removes.
 */
@Service
class ArtifactService {

    private static final Logger log = LoggerFactory.getLogger(ArtifactService.class);

    /** Chunks read ahead of the store: one part, so that receiving overlaps sending a part. */
    private static final int STREAM_DEMAND = (int) (ObjectStore.PART_SIZE / HeapChunks.CHUNK_BYTES);

    private final SubmissionService submissions;
    private final SubmissionRepository repository;
    private final ObjectStore store;
    private final NotebookInspector inspector;
    private final NotebookPreview previews;
    private final SubmissionProperties properties;

    ArtifactService(
            SubmissionService submissions,
            SubmissionRepository repository,
            ObjectStore store,
            NotebookInspector inspector,
            NotebookPreview previews,
            SubmissionProperties properties) {
        this.submissions = submissions;
        this.repository = repository;
        this.store = store;
        this.inspector = inspector;
        this.previews = previews;
        this.properties = properties;
    }

    /** What was stored, before the row that makes it an artifact is written. */
    private record Stored(
            UUID id,
            ArtifactKind kind,
            String filename,
            String contentType,
            long size,
            String sha256,
            String key,
            NotebookFacts notebook,
            String previewKey) {}

    static String objectKey(UUID submissionId, UUID id) {
        return "artifacts/" + submissionId + "/" + id;
    }

    static String previewKey(UUID submissionId, UUID id) {
        return "previews/" + submissionId + "/" + id + ".html";
    }

    /** Streams one file into the store with constant memory (notebooks: up to their own cap). */
    Mono<Submission.Artifact> upload(
            UUID submissionId,
            ArtifactKind kind,
            String originalName,
            Flux<DataBuffer> content,
            Long declaredLength,
            CurrentUser user) {
        return submissions
                .writable(submissionId, user)
                .flatMap(
                        ctx -> {
                            EventSettings settings = ctx.settings();
                            String filename = FileTypes.sanitise(originalName);
                            String ext = FileTypes.extension(filename);
                            MinkaException refused = typeProblem(kind, ext, settings);
                            if (refused != null) {
                                return Mono.error(refused);
                            }
                            if (declaredLength != null
                                    && declaredLength > settings.maxFileBytes() + 64 * 1024) {
                                return Mono.error(fileTooLarge(settings.maxFileBytes()));
                            }
                            UUID id = UUID.randomUUID();
                            String key = objectKey(submissionId, id);
                            String preview =
                                    kind == ArtifactKind.NOTEBOOK
                                            ? previewKey(submissionId, id)
                                            : null;
                            var row = ctx.row();
                            var done = new java.util.concurrent.atomic.AtomicBoolean();
                            return limit(row.teamId(), settings, kind)
                                    .flatMap(
                                            limit ->
                                                    repository
                                                            .insertUpload(
                                                                    id,
                                                                    submissionId,
                                                                    row.teamId(),
                                                                    "STREAM",
                                                                    kind,
                                                                    filename,
                                                                    null,
                                                                    null,
                                                                    key,
                                                                    properties.streamTimeout(),
                                                                    user.id())
                                                            .then(
                                                                    kind == ArtifactKind.NOTEBOOK
                                                                            ? storeNotebook(
                                                                                    id, filename,
                                                                                    key, preview,
                                                                                    content, limit)
                                                                            : storeStream(
                                                                                    id, kind,
                                                                                    filename, ext,
                                                                                    key, content,
                                                                                    limit))
                                                            .flatMap(
                                                                    stored ->
                                                                            commit(
                                                                                    ctx, stored,
                                                                                    "STREAM", user))
                                                            .doOnNext(a -> done.set(true))
                                                            .doOnCancel(
                                                                    () -> {
                                                                        // The client went away
                                                                        // before the end: no one
                                                                        // waits for this cleanup.
                                                                        if (!done.get()) {
                                                                            cleanup(
                                                                                            key,
                                                                                            preview,
                                                                                            id)
                                                                                    .subscribe();
                                                                        }
                                                                    })
                                                            .onErrorResume(
                                                                    ex ->
                                                                            cleanup(
                                                                                            key,
                                                                                            preview,
                                                                                            id)
                                                                                    .then(
                                                                                            Mono
                                                                                                    .error(
                                                                                                            problem(
                                                                                                                    ex)))));
                        });
    }

    /** How many bytes this upload may have, and the problem to answer past that. */
    private record Limit(long bytes, MinkaException over) {}

    private Mono<Limit> limit(UUID teamId, EventSettings settings, ArtifactKind kind) {
        long maxFile = settings.maxFileBytes();
        MinkaException fileOver = fileTooLarge(maxFile);
        if (kind == ArtifactKind.NOTEBOOK && properties.maxNotebookBytes() < maxFile) {
            maxFile = properties.maxNotebookBytes();
            fileOver = fileTooLarge(maxFile);
        }
        long fileLimit = maxFile;
        MinkaException fileProblem = fileOver;
        return repository
                .usedBytes(teamId)
                .flatMap(
                        used -> {
                            long remaining = settings.maxTeamBytes() - used;
                            MinkaException quota = quotaExceeded(settings.maxTeamBytes());
                            if (remaining <= 0) {
                                return Mono.error(quota);
                            }
                            return Mono.just(
                                    remaining < fileLimit
                                            ? new Limit(remaining, quota)
                                            : new Limit(fileLimit, fileProblem));
                        });
    }

    private Mono<Stored> storeStream(
            UUID id,
            ArtifactKind kind,
            String filename,
            String ext,
            String key,
            Flux<DataBuffer> content,
            Limit limit) {
        return Mono.defer(
                () -> {
                    InputStream raw = DataBufferUtils.subscriberInputStream(content, STREAM_DEMAND);
                    InspectingInputStream in =
                            new InspectingInputStream(
                                    raw,
                                    limit.bytes(),
                                    limit.over(),
                                    head ->
                                            FileTypes.headMatches(ext, head)
                                                    ? null
                                                    : contentRejected(ext));
                    String type = FileTypes.contentType(ext);
                    return store.putStream(
                                    key,
                                    in,
                                    type,
                                    Map.of(
                                            "Content-Disposition",
                                            FileTypes.contentDisposition(filename)))
                            .flatMap(
                                    info ->
                                            FileTypes.tailMatches(ext, in.tail())
                                                    ? Mono.just(
                                                            new Stored(
                                                                    id,
                                                                    kind,
                                                                    filename,
                                                                    type,
                                                                    in.count(),
                                                                    in.sha256Hex(),
                                                                    key,
                                                                    null,
                                                                    null))
                                                    : Mono.<Stored>error(contentRejected(ext)))
                            .doFinally(
                                    signal -> {
                                        if (signal == SignalType.CANCEL) {
                                            in.abort();
                                        }
                                        closeQuietly(raw);
                                    });
                });
    }

    private Mono<Stored> storeNotebook(
            UUID id,
            String filename,
            String key,
            String previewKey,
            Flux<DataBuffer> content,
            Limit limit) {
        int max = (int) Math.min(Integer.MAX_VALUE - 8, limit.bytes());
        return DataBufferUtils.join(content, max)
                .onErrorMap(DataBufferLimitException.class, ex -> limit.over())
                .map(
                        buffer -> {
                            byte[] bytes = new byte[buffer.readableByteCount()];
                            buffer.read(bytes);
                            DataBufferUtils.release(buffer);
                            return bytes;
                        })
                .defaultIfEmpty(new byte[0])
                .flatMap(bytes -> storeNotebookBytes(id, filename, key, previewKey, bytes, true));
    }

    /** Validates a notebook, renders its preview and stores both (the notebook unless already). */
    private Mono<Stored> storeNotebookBytes(
            UUID id, String filename, String key, String previewKey, byte[] bytes, boolean put) {
        return Mono.fromCallable(() -> inspectNotebook(bytes, filename))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(
                        checked -> {
                            String type = FileTypes.contentType("ipynb");
                            Mono<?> notebook =
                                    put
                                            ? store.put(
                                                    key,
                                                    bytes,
                                                    type,
                                                    Map.of(
                                                            "Content-Disposition",
                                                            FileTypes.contentDisposition(filename)))
                                            : Mono.empty();
                            return notebook.then(
                                            store.put(
                                                    previewKey,
                                                    checked.html(),
                                                    "text/html; charset=utf-8",
                                                    Map.of()))
                                    .thenReturn(
                                            new Stored(
                                                    id,
                                                    ArtifactKind.NOTEBOOK,
                                                    filename,
                                                    type,
                                                    bytes.length,
                                                    sha256(bytes),
                                                    key,
                                                    checked.facts(),
                                                    previewKey));
                        });
    }

    private record CheckedNotebook(NotebookFacts facts, byte[] html) {}

    private CheckedNotebook inspectNotebook(byte[] bytes, String filename) {
        byte[] head = java.util.Arrays.copyOf(bytes, Math.min(bytes.length, FileTypes.SNIFF_BYTES));
        if (!FileTypes.headMatches("ipynb", head)) {
            throw contentRejected("ipynb");
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
     * plus grace), the team quota, the artifact row, and the end of the upload record.
     */
    private Mono<Submission.Artifact> commit(
            SubmissionService.Context ctx, Stored s, String mode, CurrentUser user) {
        var row = ctx.row();
        EventSettings settings = ctx.settings();
        Mono<Submission.Artifact> write =
                repository
                        .deleteUpload(s.id())
                        .flatMap(
                                mine ->
                                        mine
                                                ? repository.reserve(
                                                        row.teamId(),
                                                        s.size(),
                                                        settings.maxTeamBytes())
                                                : Mono.error(
                                                        MinkaException.notFound("upload slot")))
                        .flatMap(
                                reserved ->
                                        reserved
                                                ? repository.insertArtifact(
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
                                                        user.id())
                                                : Mono.error(
                                                        quotaExceeded(settings.maxTeamBytes())))
                        .then(
                                submissions.audit(
                                        row.eventId(),
                                        user,
                                        "submission.artifact-uploaded",
                                        Map.of(
                                                "submissionId", row.id(),
                                                "artifactId", s.id(),
                                                "mode", mode,
                                                "kind", s.kind().name(),
                                                "sizeBytes", s.size(),
                                                "sha256", s.sha256())))
                        .then(repository.artifact(row.id(), s.id()))
                        .map(SubmissionRepository.ArtifactRow::view);
        return submissions.whileAccepting(row.eventId(), settings, write);
    }

    /**
     * Deletes an artifact of the draft (team members, while SUBMISSION is open; the grace period
     * does not apply). In one transaction, under the submission's lock: the row, unless a submitted
     * version holds it (409, and it stays), its bytes given back to the team's quota, and an audit
     * entry. Then the object and its preview; when that fails, the reaper removes objects that no
     * row refers to, so no row ever points to a missing object.
     */
    Mono<Void> delete(UUID submissionId, UUID artifactId, CurrentUser user) {
        return submissions
                .editable(submissionId, user)
                .flatMap(
                        ctx ->
                                submissions
                                        .whileEditable(
                                                ctx.row().eventId(),
                                                deleteRow(ctx.row(), artifactId, user))
                                        .flatMap(
                                                a -> removeObjects(a.objectKey(), a.previewKey())));
    }

    /** Under the submission's lock: the row unless a version holds it, the quota, the audit. */
    private Mono<SubmissionRepository.ArtifactRow> deleteRow(
            SubmissionRepository.Row row, UUID artifactId, CurrentUser user) {
        return repository
                .lock(row.id())
                .then(repository.artifact(row.id(), artifactId))
                .switchIfEmpty(Mono.error(MinkaException.notFound("artifact")))
                .flatMap(
                        a ->
                                repository
                                        .deleteDraftArtifact(row.id(), artifactId)
                                        .flatMap(
                                                deleted ->
                                                        deleted
                                                                ? deleted(row, a, user)
                                                                : Mono.error(
                                                                        () ->
                                                                                new MinkaException(
                                                                                        ProblemType
                                                                                                .ARTIFACT_FROZEN))));
    }

    private Mono<SubmissionRepository.ArtifactRow> deleted(
            SubmissionRepository.Row row, SubmissionRepository.ArtifactRow a, CurrentUser user) {
        return repository
                .release(row.teamId(), a.view().sizeBytes())
                .then(
                        submissions.audit(
                                row.eventId(),
                                user,
                                "submission.artifact-deleted",
                                Map.of(
                                        "submissionId", row.id(),
                                        "artifactId", a.view().id(),
                                        "kind", a.view().kind().name(),
                                        "sizeBytes", a.view().sizeBytes(),
                                        "sha256", a.view().sha256())))
                .thenReturn(a);
    }

    /** Best effort, after the row is gone: what is left, the reaper's sweep removes. */
    private Mono<Void> removeObjects(String key, String previewKey) {
        return store.delete(key)
                .then(previewKey == null ? Mono.empty() : store.delete(previewKey))
                .onErrorResume(
                        ex -> {
                            log.warn("Deleting {} left for the reaper: {}", key, ex.toString());
                            return Mono.empty();
                        });
    }

    /** Best effort: deletes the object, its preview and the upload record; the reaper retries. */
    private Mono<Void> cleanup(String key, String previewKey, UUID uploadId) {
        Mono<Void> objects =
                store.delete(key)
                        .then(previewKey == null ? Mono.empty() : store.delete(previewKey))
                        .then(repository.deleteUpload(uploadId))
                        .then();
        return objects.onErrorResume(
                ex -> {
                    log.warn("Cleanup of {} left for the reaper: {}", key, ex.toString());
                    return Mono.empty();
                });
    }

    /** Hands out a presigned PUT URL for one file; the slot is finalized or it expires. */
    Mono<Submission.Slot> createSlot(
            UUID submissionId, Submission.SlotRequest request, CurrentUser user) {
        return submissions
                .writable(submissionId, user)
                .flatMap(
                        ctx -> {
                            EventSettings settings = ctx.settings();
                            String filename = FileTypes.sanitise(request.filename());
                            String ext = FileTypes.extension(filename);
                            MinkaException refused = typeProblem(request.kind(), ext, settings);
                            if (refused != null) {
                                return Mono.error(refused);
                            }
                            UUID id = UUID.randomUUID();
                            String key = objectKey(submissionId, id);
                            return limit(ctx.row().teamId(), settings, request.kind())
                                    .flatMap(
                                            limit ->
                                                    request.sizeBytes() > limit.bytes()
                                                            ? Mono.error(limit.over())
                                                            : repository.insertUpload(
                                                                    id,
                                                                    submissionId,
                                                                    ctx.row().teamId(),
                                                                    "PRESIGNED",
                                                                    request.kind(),
                                                                    filename,
                                                                    request.sizeBytes(),
                                                                    request.sha256()
                                                                            .toLowerCase(
                                                                                    Locale.ROOT),
                                                                    key,
                                                                    properties.slotValidity(),
                                                                    user.id()))
                                    .then(store.presignPut(key, properties.slotValidity()))
                                    .map(
                                            url ->
                                                    new Submission.Slot(
                                                            id,
                                                            url,
                                                            "PUT",
                                                            Instant.now()
                                                                    .plus(
                                                                            properties
                                                                                    .slotValidity()),
                                                            "/api/v1/submissions/"
                                                                    + submissionId
                                                                    + "/upload-slots/"
                                                                    + id
                                                                    + "/finalize"));
                        });
    }

    /**
     * Checks what was PUT to a slot (exists, size, sniffed type, SHA-256, notebook schema) and
     * makes it an artifact. A mismatch deletes the object and the slot.
     */
    Mono<Submission.Artifact> finalizeSlot(UUID submissionId, UUID slotId, CurrentUser user) {
        return submissions
                .member(submissionId, user)
                .flatMap(
                        ctx ->
                                repository
                                        .upload(submissionId, slotId)
                                        .filter(u -> u.mode().equals("PRESIGNED"))
                                        .switchIfEmpty(
                                                Mono.error(MinkaException.notFound("upload slot")))
                                        .flatMap(slot -> finalizeSlot(ctx, slot, user)));
    }

    private Mono<Submission.Artifact> finalizeSlot(
            SubmissionService.Context ctx, SubmissionRepository.UploadRow slot, CurrentUser user) {
        String key = slot.objectKey();
        String preview =
                slot.kind() == ArtifactKind.NOTEBOOK
                        ? previewKey(slot.submissionId(), slot.id())
                        : null;
        if (slot.expired()) {
            return cleanup(key, null, slot.id())
                    .then(Mono.error(new MinkaException(ProblemType.UPLOAD_SLOT_EXPIRED)));
        }
        return store.stat(key)
                .switchIfEmpty(Mono.error(mismatch("no object was uploaded")))
                .flatMap(
                        info ->
                                info.size() != slot.sizeBytes()
                                        ? Mono.<Stored>error(
                                                mismatch(
                                                        "size "
                                                                + info.size()
                                                                + " instead of "
                                                                + slot.sizeBytes()))
                                        : verify(slot, preview))
                .flatMap(stored -> commit(ctx, stored, "PRESIGNED", user))
                .onErrorResume(
                        ex -> {
                            MinkaException problem = problem(ex);
                            if (problem.messageKey().equals("problem.upload-mismatch.detail")
                                    && "no object was uploaded".equals(problem.args()[0])) {
                                return Mono.error(problem);
                            }
                            return cleanup(key, preview, slot.id()).then(Mono.error(problem));
                        });
    }

    private Mono<Stored> verify(SubmissionRepository.UploadRow slot, String preview) {
        String ext = FileTypes.extension(slot.filename());
        if (slot.kind() == ArtifactKind.NOTEBOOK) {
            return store.read(slot.objectKey(), properties.maxNotebookBytes())
                    .flatMap(
                            bytes -> {
                                String sha = sha256(bytes);
                                if (!sha.equals(slot.sha256())) {
                                    return Mono.error(mismatch("SHA-256 " + sha));
                                }
                                return storeNotebookBytes(
                                        slot.id(),
                                        slot.filename(),
                                        slot.objectKey(),
                                        preview,
                                        bytes,
                                        false);
                            });
        }
        return store.open(slot.objectKey(), 0, null)
                .publishOn(Schedulers.boundedElastic())
                .map(
                        raw -> {
                            InspectingInputStream in =
                                    new InspectingInputStream(
                                            raw,
                                            slot.sizeBytes(),
                                            mismatch("larger than declared"),
                                            head ->
                                                    FileTypes.headMatches(ext, head)
                                                            ? null
                                                            : contentRejected(ext));
                            try (raw) {
                                in.drain();
                            } catch (InspectingInputStream.Refused refused) {
                                throw refused.problem();
                            } catch (IOException ex) {
                                throw new java.io.UncheckedIOException(ex);
                            }
                            if (!FileTypes.tailMatches(ext, in.tail())) {
                                throw contentRejected(ext);
                            }
                            String sha = in.sha256Hex();
                            if (!sha.equals(slot.sha256())) {
                                throw mismatch("SHA-256 " + sha);
                            }
                            return new Stored(
                                    slot.id(),
                                    slot.kind(),
                                    slot.filename(),
                                    FileTypes.contentType(ext),
                                    in.count(),
                                    sha,
                                    slot.objectKey(),
                                    null,
                                    null);
                        });
    }

    /** A short-lived presigned GET, after the same check as reading the submission. */
    Mono<Submission.Download> download(UUID submissionId, UUID artifactId, CurrentUser user) {
        return readableArtifact(submissionId, artifactId, user)
                .flatMap(
                        a ->
                                store.presignGet(
                                                a.objectKey(),
                                                properties.downloadValidity(),
                                                Map.of(
                                                        "response-content-disposition",
                                                        FileTypes.contentDisposition(
                                                                a.view().filename()),
                                                        "response-content-type",
                                                        a.view().contentType()))
                                        .map(
                                                url ->
                                                        new Submission.Download(
                                                                url,
                                                                Instant.now()
                                                                        .plus(
                                                                                properties
                                                                                        .downloadValidity()))));
    }

    /** The cached preview page of a notebook artifact. */
    Mono<byte[]> preview(UUID submissionId, UUID artifactId, CurrentUser user) {
        return readableArtifact(submissionId, artifactId, user)
                .filter(a -> a.previewKey() != null)
                .switchIfEmpty(Mono.error(MinkaException.notFound("preview")))
                .flatMap(a -> store.read(a.previewKey(), 256 * 1024 * 1024));
    }

    private Mono<SubmissionRepository.ArtifactRow> readableArtifact(
            UUID submissionId, UUID artifactId, CurrentUser user) {
        return submissions
                .readable(submissionId, user)
                .flatMap(
                        ctx ->
                                repository
                                        .artifact(submissionId, artifactId)
                                        .filterWhen(
                                                a ->
                                                        ctx.reach() == SubmissionService.Reach.FULL
                                                                ? Mono.just(true)
                                                                : repository.isInSomeVersion(
                                                                        submissionId, artifactId)))
                .switchIfEmpty(Mono.error(MinkaException.notFound("artifact")));
    }

    static MinkaException typeProblem(ArtifactKind kind, String ext, EventSettings settings) {
        if (!kind.extensions().contains(ext)) {
            return new MinkaException(
                    ProblemType.ARTIFACT_TYPE_REJECTED,
                    "problem.artifact-type-rejected.extension",
                    List.of(),
                    ext,
                    String.join(", ", kind.extensions()),
                    kind.name());
        }
        List<String> allowed = settings.allowedArtifactTypes();
        if (allowed != null && !allowed.contains(FileTypes.allowedTypeOf(ext))) {
            return new MinkaException(
                    ProblemType.ARTIFACT_TYPE_REJECTED,
                    "problem.artifact-type-rejected.not-allowed",
                    List.of(),
                    ext);
        }
        return null;
    }

    private static MinkaException contentRejected(String ext) {
        return new MinkaException(
                ProblemType.ARTIFACT_TYPE_REJECTED,
                "problem.artifact-type-rejected.content",
                List.of(),
                ext);
    }

    private static MinkaException fileTooLarge(long max) {
        return new MinkaException(ProblemType.FILE_TOO_LARGE, Long.toString(max));
    }

    private static MinkaException quotaExceeded(long max) {
        return new MinkaException(ProblemType.TEAM_QUOTA_EXCEEDED, Long.toString(max));
    }

    private static MinkaException mismatch(String what) {
        return new MinkaException(ProblemType.UPLOAD_MISMATCH, what);
    }

    /** The problem to answer for a failure anywhere in the upload pipeline. */
    static MinkaException problem(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof MinkaException ex) {
                return ex;
            }
            if (t instanceof InspectingInputStream.Refused refused) {
                return refused.problem();
            }
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof IOException
                    || t instanceof java.util.concurrent.TimeoutException
                    || t.getClass().getName().startsWith("io.minio")) {
                return new MinkaException(ProblemType.SERVICE_UNAVAILABLE);
            }
        }
        return new MinkaException(ProblemType.INTERNAL_ERROR);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException | RuntimeException ex) {
            log.debug("closing the upload stream: {}", ex.toString());
        }
    }
}
