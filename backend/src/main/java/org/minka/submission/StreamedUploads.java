package org.minka.submission;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.UUID;
import org.minka.common.MinkaException;
import org.minka.event.EventSettings;
import org.minka.security.CurrentUser;
import org.minka.storage.ObjectStore;
import org.minka.submission.ArtifactIntake.Limit;
import org.minka.submission.ArtifactIntake.Pending;
import org.minka.submission.ArtifactIntake.Stored;
import org.minka.submission.SubmissionPolicy.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * Files streamed through the API: type checked on the first bytes and at the end, SHA-256 on the
 * way, constant memory (notebooks: up to their own cap, to be validated whole). The upload record
 * is written before the first byte goes to the store; when the upload fails, or the client goes
 * away, the object and the record are removed before the answer (see {@link ArtifactIntake}).
 */
@Service
class StreamedUploads {

    private static final Logger log = LoggerFactory.getLogger(StreamedUploads.class);

    /** Chunks read ahead of the store: one part, so that receiving overlaps sending a part. */
    private static final int STREAM_DEMAND = (int) (ObjectStore.PART_SIZE / HeapChunks.CHUNK_BYTES);

    /** Slack over the per-file limit for the multipart framing around the file. */
    private static final long FRAMING_BYTES = 64 * 1024;

    private final SubmissionPolicy policy;
    private final ArtifactRepository artifacts;
    private final ArtifactIntake intake;
    private final ObjectStore store;
    private final SubmissionProperties properties;

    StreamedUploads(
            SubmissionPolicy policy,
            ArtifactRepository artifacts,
            ArtifactIntake intake,
            ObjectStore store,
            SubmissionProperties properties) {
        this.policy = policy;
        this.artifacts = artifacts;
        this.intake = intake;
        this.store = store;
        this.properties = properties;
    }

    /** One upload's request: what it is, and the bytes on their way. */
    record Upload(
            ArtifactKind kind,
            String filename,
            String ext,
            Flux<DataBuffer> content,
            Long declaredLength) {}

    /** Streams one file into the store with constant memory (notebooks: up to their own cap). */
    Mono<Submission.Artifact> upload(
            UUID submissionId,
            ArtifactKind kind,
            String originalName,
            Flux<DataBuffer> content,
            Long declaredLength,
            CurrentUser user) {
        String filename = FileTypes.sanitise(originalName);
        Upload upload =
                new Upload(kind, filename, FileTypes.extension(filename), content, declaredLength);
        return policy.writable(submissionId, user)
                .flatMap(ctx -> accepted(ctx, upload).then(start(ctx, upload, user)));
    }

    /** Refuses a type the event does not take, or a declared length over the file limit. */
    private static Mono<Void> accepted(Context ctx, Upload upload) {
        EventSettings settings = ctx.settings();
        MinkaException refused =
                ArtifactProblems.typeProblem(upload.kind(), upload.ext(), settings);
        if (refused != null) {
            return Mono.error(refused);
        }
        Long declared = upload.declaredLength();
        if (declared != null && declared > settings.maxFileBytes() + FRAMING_BYTES) {
            return Mono.error(ArtifactProblems.fileTooLarge(settings.maxFileBytes()));
        }
        return Mono.empty();
    }

    private Mono<Submission.Artifact> start(Context ctx, Upload upload, CurrentUser user) {
        Pending pending = Pending.of(ctx.row().id(), UUID.randomUUID(), upload.kind());
        return intake.limit(ctx.row().teamId(), ctx.settings(), upload.kind())
                .flatMap(limit -> guarded(ctx, upload, pending, limit, user));
    }

    /**
     * Records, stores and commits; on an error or a cancel, the cleanup runs before the caller
     * hears of it (usingWhen), and no task outlives the request.
     */
    private Mono<Submission.Artifact> guarded(
            Context ctx, Upload upload, Pending pending, Limit limit, CurrentUser user) {
        return Mono.usingWhen(
                        Mono.just(pending),
                        p -> recordStoreCommit(ctx, upload, p, limit, user),
                        p -> Mono.empty(),
                        (p, error) -> intake.cleanup(p),
                        intake::cleanup)
                .onErrorMap(ArtifactProblems::problem);
    }

    private Mono<Submission.Artifact> recordStoreCommit(
            Context ctx, Upload upload, Pending p, Limit limit, CurrentUser user) {
        return record(ctx, upload, p, user)
                .then(store(upload, p, limit))
                .flatMap(stored -> intake.commit(ctx, stored, "STREAM", user));
    }

    private Mono<Void> record(Context ctx, Upload upload, Pending p, CurrentUser user) {
        return artifacts.insertUpload(
                p.id(),
                ctx.row().id(),
                ctx.row().teamId(),
                "STREAM",
                upload.kind(),
                upload.filename(),
                null,
                null,
                p.key(),
                properties.streamTimeout(),
                user.id());
    }

    private Mono<Stored> store(Upload upload, Pending p, Limit limit) {
        return upload.kind() == ArtifactKind.NOTEBOOK
                ? storeNotebook(upload, p, limit)
                : storeStream(upload, p, limit);
    }

    private Mono<Stored> storeStream(Upload upload, Pending p, Limit limit) {
        return Mono.defer(
                () -> {
                    InputStream raw =
                            DataBufferUtils.subscriberInputStream(upload.content(), STREAM_DEMAND);
                    InspectingInputStream in = inspecting(raw, upload.ext(), limit);
                    return putStream(upload, p, in).doFinally(signal -> finish(signal, in, raw));
                });
    }

    private static InspectingInputStream inspecting(InputStream raw, String ext, Limit limit) {
        return new InspectingInputStream(
                raw,
                limit.bytes(),
                limit.over(),
                head ->
                        FileTypes.headMatches(ext, head)
                                ? null
                                : ArtifactProblems.contentRejected(ext));
    }

    private Mono<Stored> putStream(Upload upload, Pending p, InspectingInputStream in) {
        String type = FileTypes.contentType(upload.ext());
        Map<String, String> headers =
                Map.of("Content-Disposition", FileTypes.contentDisposition(upload.filename()));
        return store.putStream(p.key(), in, type, headers)
                .then(Mono.defer(() -> checkedTail(upload, p, in, type)));
    }

    private static Mono<Stored> checkedTail(
            Upload upload, Pending p, InspectingInputStream in, String type) {
        if (!FileTypes.tailMatches(upload.ext(), in.tail())) {
            return Mono.error(ArtifactProblems.contentRejected(upload.ext()));
        }
        return Mono.just(
                new Stored(
                        p.id(),
                        upload.kind(),
                        upload.filename(),
                        type,
                        in.count(),
                        in.sha256Hex(),
                        p.key(),
                        null,
                        null));
    }

    private static void finish(SignalType signal, InspectingInputStream in, InputStream raw) {
        if (signal == SignalType.CANCEL) {
            in.abort();
        }
        try {
            raw.close();
        } catch (IOException | RuntimeException ex) {
            log.debug("closing the upload stream: {}", ex.toString());
        }
    }

    private Mono<Stored> storeNotebook(Upload upload, Pending p, Limit limit) {
        int max = (int) Math.min(Integer.MAX_VALUE - 8, limit.bytes());
        return DataBufferUtils.join(upload.content(), max)
                .onErrorMap(DataBufferLimitException.class, ex -> limit.over())
                .map(StreamedUploads::bytesOf)
                .defaultIfEmpty(new byte[0])
                .flatMap(bytes -> intake.storeNotebook(p, upload.filename(), bytes, true));
    }

    private static byte[] bytesOf(DataBuffer buffer) {
        byte[] bytes = new byte[buffer.readableByteCount()];
        buffer.read(bytes);
        DataBufferUtils.release(buffer);
        return bytes;
    }
}
