package org.minka.recognition;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A training course for officials and citizens, with its sessions and free seats. */
@Schema(name = "Course")
public record Course(
        UUID id,
        @Schema(example = "Open data for public officials") String title,
        @Schema(
                        example =
                                "Publishing, describing and keeping datasets fresh on the national portal")
                String description,
        @Schema(allowableValues = {"ONLINE", "IN_PERSON"}) String modality,
        @Schema(example = "es", description = "The language of the course and its certificates")
                String language,
        @Schema(example = "40") int seats,
        @Schema(example = "12") int seatsLeft,
        @Schema(example = "75", description = "Share of sessions a participant must attend")
                int completionPercent,
        @Schema(example = "9", description = "Participants who completed it") long completed,
        List<Session> sessions,
        Instant createdAt,
        long version) {

    /** A session: when, how long, and where (a place, a link, or both). */
    @Schema(name = "CourseSession")
    public record Session(
            UUID id,
            Instant startsAt,
            @Schema(example = "120") int durationMinutes,
            @Schema(nullable = true, example = "Auditorium, 3rd floor") String place,
            @Schema(nullable = true, example = "https://meet.example.org/open-data-1")
                    String link) {}

    /** Create a course with its sessions. */
    @Schema(name = "CreateCourseRequest")
    record Create(
            @NotBlank @Size(max = 200) @Schema(example = "Open data for public officials")
                    String title,
            @Size(max = 10000) String description,
            @NotNull
                    @Pattern(regexp = "ONLINE|IN_PERSON")
                    @Schema(allowableValues = {"ONLINE", "IN_PERSON"})
                    String modality,
            @Pattern(regexp = "es|en") @Schema(example = "es", defaultValue = "es") String language,
            @NotNull @Min(1) @Max(100000) @Schema(example = "40") Integer seats,
            @Min(1) @Max(100) @Schema(example = "75", defaultValue = "75")
                    Integer completionPercent,
            @NotEmpty @Size(max = 100) List<@Valid @NotNull NewSession> sessions) {}

    /** A session to add; an IN_PERSON course's sessions need a place, an ONLINE one's a link. */
    @Schema(name = "CreateCourseSession")
    record NewSession(
            @NotNull Instant startsAt,
            @NotNull @Min(1) @Max(1440) @Schema(example = "120") Integer durationMinutes,
            @Size(max = 300) @Schema(nullable = true) String place,
            @Size(max = 2000)
                    @Pattern(regexp = "https?://\\S+")
                    @Schema(nullable = true, example = "https://meet.example.org/open-data-1")
                    String link) {}

    /** Enrol the caller; as an official of a publisher they are a member of, or as a citizen. */
    @Schema(name = "EnrolCourseRequest")
    record Enrol(
            @Schema(
                            nullable = true,
                            description =
                                    "The publisher the caller works for (they must be its member);"
                                            + " absent for a citizen")
                    UUID publisherId) {}

    /** One participant's enrolment, attendance and completion. */
    @Schema(name = "CourseEnrolment")
    public record Enrolment(
            UUID courseId,
            UUID userId,
            @Schema(nullable = true, description = "Display name (course managers only)")
                    String name,
            @Schema(nullable = true) UUID publisherId,
            Instant enrolledAt,
            @Schema(example = "3") int attended,
            @Schema(example = "4") int sessions,
            @Schema(nullable = true) Instant completedAt,
            @Schema(nullable = true, example = "K7Q2M4XW9RZ3T5HBNC6VDJ8PLA")
                    String certificateCode) {}

    /** Mark these enrolled participants as present at a session. */
    @Schema(name = "CourseAttendanceRequest")
    record Attendance(@NotEmpty @Size(max = 500) List<@NotNull UUID> userIds) {}

    /** What a bulk attendance did. */
    @Schema(name = "CourseAttendanceResult")
    public record AttendanceResult(
            UUID sessionId,
            @Schema(example = "18", description = "Marks added (marks already there are kept)")
                    long marked,
            @Schema(description = "Participants who completed the course with this session")
                    List<UUID> completed) {}
}
