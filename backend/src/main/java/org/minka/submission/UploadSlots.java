package org.minka.submission;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.minka.common.MinkaException;
import org.minka.common.ProblemType;
import org.minka.security.CurrentUser;
import org.minka.storage.ObjectStore;
import org.minka.submission.ArtifactIntake.Limit;
import org.minka.submission.ArtifactIntake.Pending;
import org.minka.submission.ArtifactIntake.Stored;
import org.minka.submission.ArtifactRepository.UploadRow;
import org.minka.submission.SubmissionPolicy.Context;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Presigned upload slots: a PUT URL for one file straight to the store, then a finalize that checks
 * what arrived (exists, size, sniffed type, SHA-256, notebook schema) and makes it an artifact. A
 * mismatch deletes the object and the slot; a slot never finalized expires, and the reaper removes
 * its object.
 */
@Service
class UploadSlots {

    private final SubmissionPolicy policy;
    private final ArtifactRepository artifacts;
    private final ArtifactIntake intake;
    private final ObjectStore store;
    private final SubmissionProperties properties;
    private final SubmissionWindow window;

    UploadSlots(
            SubmissionPolicy policy,
            ArtifactRepository artifacts,
            ArtifactIntake intake,
            ObjectStore store,
            SubmissionProperties properties,
            SubmissionWindow window) {
        this.window = window;
        this.policy = policy;
        this.artifacts = artifacts;
        this.intake = intake;
        this.store = store;
        this.properties = properties;
    }

    /** Hands out a presigned PUT URL for one file; the slot is finalized or it expires. */
    Mono<Submission.Slot> createSlot(
            UUID submissionId, Submission.SlotRequest request, CurrentUser user) {
        return policy.writable(submissionId, user).flatMap(ctx -> slot(ctx, request, user));
    }

    private Mono<Submission.Slot> slot(
            Context ctx, Submission.SlotRequest request, CurrentUser user) {
        String filename = FileTypes.sanitise(request.filename());
        String ext = FileTypes.extension(filename);
        MinkaException refused = ArtifactProblems.typeProblem(request.kind(), ext, ctx.settings());
        if (refused != null) {
            return Mono.error(refused);
        }
        Pending p = Pending.of(ctx.row().id(), UUID.randomUUID(), request.kind());
        Mono<Void> recorded =
                intake.limit(ctx.row().teamId(), ctx.settings(), request.kind())
                        .flatMap(limit -> record(ctx, request, filename, p, limit, user));
        return window.whileAccepting(ctx.row().eventId(), ctx.settings(), recorded)
                .then(store.presignPut(p.key(), properties.slotValidity()))
                .map(url -> slotView(ctx.row().id(), p.id(), url));
    }

    private Mono<Void> record(
            Context ctx,
            Submission.SlotRequest request,
            String filename,
            Pending p,
            Limit limit,
            CurrentUser user) {
        if (request.sizeBytes() > limit.bytes()) {
            return Mono.error(limit.over());
        }
        return artifacts.insertUpload(
                p.id(),
                ctx.row().id(),
                ctx.row().teamId(),
                "PRESIGNED",
                request.kind(),
                filename,
                request.sizeBytes(),
                request.sha256().toLowerCase(Locale.ROOT),
                p.key(),
                properties.slotValidity(),
                user.id());
    }

    private Submission.Slot slotView(UUID submissionId, UUID id, String url) {
        return new Submission.Slot(
                id,
                url,
                "PUT",
                Instant.now().plus(properties.slotValidity()),
                "/api/v1/submissions/" + submissionId + "/upload-slots/" + id + "/finalize");
    }

    /**
     * Checks what was PUT to a slot (exists, size, sniffed type, SHA-256, notebook schema) and
     * makes it an artifact. A mismatch deletes the object and the slot.
     */
    Mono<Submission.Artifact> finalizeSlot(UUID submissionId, UUID slotId, CurrentUser user) {
        return policy.member(submissionId, user)
                .flatMap(
                        ctx ->
                                presigned(submissionId, slotId)
                                        .flatMap(s -> finalize(ctx, s, user)));
    }

    private Mono<UploadRow> presigned(UUID submissionId, UUID slotId) {
        return artifacts
                .upload(submissionId, slotId)
                .filter(u -> u.mode().equals("PRESIGNED"))
                .switchIfEmpty(Mono.error(() -> MinkaException.notFound("upload slot")));
    }

    private Mono<Submission.Artifact> finalize(Context ctx, UploadRow slot, CurrentUser user) {
        Pending p = new Pending(slot.id(), slot.objectKey(), previewKeyOf(slot));
        if (slot.expired()) {
            return intake.cleanup(p)
                    .then(Mono.error(new MinkaException(ProblemType.UPLOAD_SLOT_EXPIRED)));
        }
        return store.stat(slot.objectKey())
                .switchIfEmpty(Mono.error(() -> mismatch(ArtifactProblems.NOTHING_UPLOADED)))
                .flatMap(info -> verify(slot, p, info.size()))
                .flatMap(stored -> intake.commit(ctx, stored, "PRESIGNED", user))
                .onErrorResume(ex -> undone(p, ArtifactProblems.problem(ex)));
    }

    private static String previewKeyOf(UploadRow slot) {
        return slot.kind() == ArtifactKind.NOTEBOOK
                ? ArtifactIntake.previewKey(slot.submissionId(), slot.id())
                : null;
    }

    /** Removes what the slot holds, unless nothing arrived yet (the client may still PUT). */
    private Mono<Submission.Artifact> undone(Pending p, MinkaException problem) {
        if (ArtifactProblems.nothingUploaded(problem)) {
            return Mono.error(problem);
        }
        return intake.cleanup(p).then(Mono.error(problem));
    }

    private Mono<Stored> verify(UploadRow slot, Pending p, long size) {
        if (size != slot.sizeBytes()) {
            return Mono.error(mismatch("size " + size + " instead of " + slot.sizeBytes()));
        }
        return slot.kind() == ArtifactKind.NOTEBOOK ? verifyNotebook(slot, p) : verifyFile(slot);
    }

    private Mono<Stored> verifyNotebook(UploadRow slot, Pending p) {
        return store.read(slot.objectKey(), properties.maxNotebookBytes())
                .flatMap(bytes -> checkedNotebook(slot, p, bytes));
    }

    private Mono<Stored> checkedNotebook(UploadRow slot, Pending p, byte[] bytes) {
        String sha = ArtifactIntake.sha256(bytes);
        if (!sha.equals(slot.sha256())) {
            return Mono.error(mismatch("SHA-256 " + sha));
        }
        return intake.storeNotebook(p, slot.filename(), bytes, false);
    }

    private Mono<Stored> verifyFile(UploadRow slot) {
        return store.open(slot.objectKey(), 0, null)
                .publishOn(Schedulers.boundedElastic())
                .map(raw -> drained(slot, raw));
    }

    /** Reads the object through the inspecting stream (on a worker thread: it blocks). */
    private static Stored drained(UploadRow slot, InputStream raw) {
        String ext = FileTypes.extension(slot.filename());
        InspectingInputStream in =
                new InspectingInputStream(
                        raw,
                        slot.sizeBytes(),
                        mismatch("larger than declared"),
                        head ->
                                FileTypes.headMatches(ext, head)
                                        ? null
                                        : ArtifactProblems.contentRejected(ext));
        try (raw) {
            in.drain();
        } catch (InspectingInputStream.Refused refused) {
            throw refused.problem();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        if (!FileTypes.tailMatches(ext, in.tail())) {
            throw ArtifactProblems.contentRejected(ext);
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
    }

    private static MinkaException mismatch(String what) {
        return ArtifactProblems.mismatch(what);
    }
}
