package org.minka.submission;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.minka.common.DependencyUnavailableException;
import org.minka.common.MinkaException;
import org.minka.common.ProblemType;
import org.minka.event.EventSettings;

/** The problems that uploads answer, and how a failure in the pipeline maps to one. */
final class ArtifactProblems {

    private ArtifactProblems() {}

    /** The problem for a file of this kind and extension, or null when the event takes it. */
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

    static MinkaException contentRejected(String ext) {
        return new MinkaException(
                ProblemType.ARTIFACT_TYPE_REJECTED,
                "problem.artifact-type-rejected.content",
                List.of(),
                ext);
    }

    static MinkaException fileTooLarge(long max) {
        return new MinkaException(ProblemType.FILE_TOO_LARGE, Long.toString(max));
    }

    static MinkaException quotaExceeded(long max) {
        return new MinkaException(ProblemType.TEAM_QUOTA_EXCEEDED, Long.toString(max));
    }

    static MinkaException mismatch(String what) {
        return new MinkaException(ProblemType.UPLOAD_MISMATCH, what);
    }

    /** Whether the problem says that nothing was PUT to a slot (then there is nothing to undo). */
    static boolean nothingUploaded(MinkaException problem) {
        return problem.messageKey().equals("problem.upload-mismatch.detail")
                && NOTHING_UPLOADED.equals(problem.args()[0]);
    }

    static final String NOTHING_UPLOADED = "no object was uploaded";

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
        if (DependencyUnavailableException.isCauseOf(error)) {
            return new MinkaException(ProblemType.SERVICE_UNAVAILABLE);
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof IOException
                    || t instanceof TimeoutException
                    || t.getClass().getName().startsWith("io.minio")) {
                return new MinkaException(ProblemType.SERVICE_UNAVAILABLE);
            }
        }
        return new MinkaException(ProblemType.INTERNAL_ERROR);
    }
}
