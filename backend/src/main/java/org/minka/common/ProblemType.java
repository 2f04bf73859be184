package org.minka.common;

import java.net.URI;
import org.springframework.http.HttpStatus;

/** Stable problem types. The slug is part of the public contract and never changes. */
public enum ProblemType {
    MALFORMED_REQUEST("malformed-request", HttpStatus.BAD_REQUEST),
    VALIDATION_FAILED("validation-failed", HttpStatus.BAD_REQUEST),
    INVALID_CURSOR("invalid-cursor", HttpStatus.BAD_REQUEST),
    UNAUTHORIZED("unauthorized", HttpStatus.UNAUTHORIZED),
    FORBIDDEN("forbidden", HttpStatus.FORBIDDEN),
    NOT_FOUND("not-found", HttpStatus.NOT_FOUND),
    METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED),
    NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE),
    CONFLICT("conflict", HttpStatus.CONFLICT),
    DUPLICATE_SLUG("duplicate-slug", HttpStatus.CONFLICT),
    MEMBERSHIP_EXISTS("membership-exists", HttpStatus.CONFLICT),
    IDEMPOTENCY_IN_PROGRESS("idempotency-in-progress", HttpStatus.CONFLICT),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", HttpStatus.UNPROCESSABLE_CONTENT),
    PHASE_CLOSED("phase-closed", HttpStatus.CONFLICT),
    ALREADY_REGISTERED("already-registered", HttpStatus.CONFLICT),
    NOT_REGISTERED("not-registered", HttpStatus.CONFLICT),
    TEAM_NAME_TAKEN("team-name-taken", HttpStatus.CONFLICT),
    TEAM_FULL("team-full", HttpStatus.CONFLICT),
    TEAM_LIMIT_REACHED("team-limit-reached", HttpStatus.CONFLICT),
    ALREADY_MEMBER("already-member", HttpStatus.CONFLICT),
    CAPTAIN_MUST_TRANSFER("captain-must-transfer", HttpStatus.CONFLICT),
    STILL_IN_TEAM("still-in-team", HttpStatus.CONFLICT),
    NOT_A_MEMBER("not-a-member", HttpStatus.UNPROCESSABLE_CONTENT),
    CHALLENGE_LIMIT_REACHED("challenge-limit-reached", HttpStatus.CONFLICT),
    CHALLENGE_FULL("challenge-full", HttpStatus.CONFLICT),
    ALREADY_ENTERED("already-entered", HttpStatus.CONFLICT),
    INVITATION_EXISTS("invitation-exists", HttpStatus.CONFLICT),
    INVITATION_EXPIRED("invitation-expired", HttpStatus.CONFLICT),
    JOIN_REQUEST_EXISTS("join-request-exists", HttpStatus.CONFLICT),
    NO_LONGER_PENDING("no-longer-pending", HttpStatus.CONFLICT),
    ALREADY_CLAIMED("already-claimed", HttpStatus.CONFLICT),
    EDIT_WINDOW_CLOSED("edit-window-closed", HttpStatus.CONFLICT),
    STALE_VERSION("stale-version", HttpStatus.PRECONDITION_FAILED),
    PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.CONTENT_TOO_LARGE),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE),
    INVALID_PHASE_WINDOWS("invalid-phase-windows", HttpStatus.UNPROCESSABLE_CONTENT),
    UNKNOWN_USER("unknown-user", HttpStatus.UNPROCESSABLE_CONTENT),
    UNKNOWN_CHALLENGE("unknown-challenge", HttpStatus.UNPROCESSABLE_CONTENT),
    // catalog: publishers, portals, linked datasets
    PUBLISHER_EXISTS("publisher-exists", HttpStatus.CONFLICT),
    UNKNOWN_PUBLISHER("unknown-publisher", HttpStatus.UNPROCESSABLE_CONTENT),
    PORTAL_EXISTS("portal-exists", HttpStatus.CONFLICT),
    UNKNOWN_PORTAL("unknown-portal", HttpStatus.UNPROCESSABLE_CONTENT),
    PORTAL_UNDETECTABLE("portal-undetectable", HttpStatus.UNPROCESSABLE_CONTENT),
    PORTAL_DATASET_NOT_FOUND("portal-dataset-not-found", HttpStatus.UNPROCESSABLE_CONTENT),
    DATASET_ALREADY_LINKED("dataset-already-linked", HttpStatus.CONFLICT),
    DATASET_PUBLISHER_MISMATCH("dataset-publisher-mismatch", HttpStatus.UNPROCESSABLE_CONTENT),
    PORTAL_UNAVAILABLE("portal-unavailable", HttpStatus.BAD_GATEWAY),
    PORTAL_REJECTED("portal-rejected", HttpStatus.BAD_GATEWAY),
    PORTAL_INVALID_RESPONSE("portal-invalid-response", HttpStatus.BAD_GATEWAY),
    PORTAL_RESPONSE_TOO_LARGE("portal-response-too-large", HttpStatus.BAD_GATEWAY),
    PORTAL_TIMEOUT("portal-timeout", HttpStatus.GATEWAY_TIMEOUT),
    PORTAL_ADDRESS_REFUSED("portal-address-refused", HttpStatus.UNPROCESSABLE_CONTENT),
    // submission module
    SUBMISSION_EXISTS("submission-exists", HttpStatus.CONFLICT),
    CHALLENGE_NOT_ENTERED("challenge-not-entered", HttpStatus.UNPROCESSABLE_CONTENT),
    CHALLENGE_DATASET_REQUIRED("challenge-dataset-required", HttpStatus.UNPROCESSABLE_CONTENT),
    UNKNOWN_LICENCE("unknown-licence", HttpStatus.UNPROCESSABLE_CONTENT),
    ARTIFACT_TYPE_REJECTED("artifact-type-rejected", HttpStatus.UNSUPPORTED_MEDIA_TYPE),
    FILE_TOO_LARGE("file-too-large", HttpStatus.CONTENT_TOO_LARGE),
    TEAM_QUOTA_EXCEEDED("team-quota-exceeded", HttpStatus.CONTENT_TOO_LARGE),
    INVALID_NOTEBOOK("invalid-notebook", HttpStatus.UNPROCESSABLE_CONTENT),
    UPLOAD_MISMATCH("upload-mismatch", HttpStatus.UNPROCESSABLE_CONTENT),
    UPLOAD_SLOT_EXPIRED("upload-slot-expired", HttpStatus.GONE),
    ARTIFACT_FROZEN("artifact-frozen", HttpStatus.CONFLICT),
    // end of submission module
    // certificate module
    CERTIFICATE_REVOKED("certificate-revoked", HttpStatus.CONFLICT),
    // recognition: training courses and dataset feedback
    COURSE_FULL("course-full", HttpStatus.CONFLICT),
    ALREADY_ENROLLED("already-enrolled", HttpStatus.CONFLICT),
    NOT_ENROLLED("not-enrolled", HttpStatus.UNPROCESSABLE_CONTENT),
    UNKNOWN_SESSION("unknown-session", HttpStatus.UNPROCESSABLE_CONTENT),
    DATASET_NOT_IN_CHALLENGE("dataset-not-in-challenge", HttpStatus.UNPROCESSABLE_CONTENT),
    INVALID_EVIDENCE("invalid-evidence", HttpStatus.UNPROCESSABLE_CONTENT),
    // end of recognition: training courses and dataset feedback
    // catalog: challenge proposals
    DATASET_NOT_OF_PUBLISHER("dataset-not-of-publisher", HttpStatus.UNPROCESSABLE_CONTENT),
    // notification email
    EMAIL_NOT_VERIFIED("email-not-verified", HttpStatus.UNPROCESSABLE_CONTENT),
    // common: rate limits on writes (and on votes)
    RATE_LIMITED("rate-limited", HttpStatus.TOO_MANY_REQUESTS),
    INTERNAL_ERROR("internal-error", HttpStatus.INTERNAL_SERVER_ERROR),
    SERVICE_UNAVAILABLE("service-unavailable", HttpStatus.SERVICE_UNAVAILABLE),
    // judging: rubrics, conflicts of interest, assignment (judge-core)
    RUBRIC_FROZEN("rubric-frozen", HttpStatus.CONFLICT),
    CONFLICT_EXISTS("conflict-exists", HttpStatus.CONFLICT),
    CONFLICT_LIFTED("conflict-lifted", HttpStatus.CONFLICT),
    NOT_A_JUDGE("not-a-judge", HttpStatus.UNPROCESSABLE_CONTENT),
    JUDGE_CONFLICTED("judge-conflicted", HttpStatus.CONFLICT),
    NOT_ELIGIBLE("not-eligible", HttpStatus.UNPROCESSABLE_CONTENT),
    ASSIGNMENT_EXISTS("assignment-exists", HttpStatus.CONFLICT),
    ASSIGNMENT_SCORED("assignment-scored", HttpStatus.CONFLICT),
    JUDGES_SHORT("judges-short", HttpStatus.UNPROCESSABLE_CONTENT),
    // judging: pairwise mode
    PAIRWISE_OFF("pairwise-off", HttpStatus.CONFLICT),
    PAIRWISE_NOT_HANDED("pairwise-not-handed", HttpStatus.CONFLICT),
    // recognition: campaigns and rankings
    INVALID_CAMPAIGN_WINDOW("invalid-campaign-window", HttpStatus.UNPROCESSABLE_CONTENT),
    INVALID_WEIGHTS("invalid-weights", HttpStatus.UNPROCESSABLE_CONTENT),
    RANKING_FINAL("ranking-final", HttpStatus.CONFLICT),
    RANKING_NOT_FINAL("ranking-not-final", HttpStatus.CONFLICT),
    ENTITY_NOT_RECOGNISED("entity-not-recognised", HttpStatus.UNPROCESSABLE_CONTENT),
    // voting: ballots, who may vote, tallies (vote-core)
    UNKNOWN_SUBMISSION("unknown-submission", HttpStatus.UNPROCESSABLE_CONTENT),
    SUBMISSION_NOT_SUBMITTED("submission-not-submitted", HttpStatus.UNPROCESSABLE_CONTENT),
    NOT_A_FINALIST("not-a-finalist", HttpStatus.UNPROCESSABLE_CONTENT),
    VOTE_CAP_REACHED("vote-cap-reached", HttpStatus.CONFLICT),
    ALREADY_VOTED("already-voted", HttpStatus.CONFLICT),
    BALLOT_RETRACTED("ballot-retracted", HttpStatus.CONFLICT),
    VOTER_EMAIL_UNVERIFIED("voter-email-unverified", HttpStatus.FORBIDDEN),
    VOTER_EMAIL_BLOCKED("voter-email-blocked", HttpStatus.FORBIDDEN),
    VOTER_ACCOUNT_TOO_NEW("voter-account-too-new", HttpStatus.FORBIDDEN),
    OWN_TEAM_VOTE("own-team-vote", HttpStatus.FORBIDDEN),
    TALLIES_HIDDEN("tallies-hidden", HttpStatus.FORBIDDEN),
    // voting: fraud review (vote-fraud)
    UNKNOWN_BALLOT("unknown-ballot", HttpStatus.UNPROCESSABLE_CONTENT),
    BALLOT_ALREADY_INVALID("ballot-already-invalid", HttpStatus.CONFLICT),
    BALLOT_NOT_INVALID("ballot-not-invalid", HttpStatus.CONFLICT),
    FLAG_REVIEWED("flag-reviewed", HttpStatus.CONFLICT),
    // results: draft, publication, awards
    RESULTS_NOT_BUILT("results-not-built", HttpStatus.CONFLICT),
    RESULTS_PUBLISHED("results-published", HttpStatus.CONFLICT),
    RESULTS_NOT_PUBLISHED("results-not-published", HttpStatus.CONFLICT),
    PUBLISH_TIME_PAST("publish-time-past", HttpStatus.UNPROCESSABLE_CONTENT),
    UNKNOWN_AWARD_TARGET("unknown-award-target", HttpStatus.UNPROCESSABLE_CONTENT);

    public static final String BASE_URI = "https://minka.dev/problems/";

    private final String slug;
    private final HttpStatus status;

    ProblemType(String slug, HttpStatus status) {
        this.slug = slug;
        this.status = status;
    }

    public String slug() {
        return slug;
    }

    public HttpStatus status() {
        return status;
    }

    public URI uri() {
        return URI.create(BASE_URI + slug);
    }
}
