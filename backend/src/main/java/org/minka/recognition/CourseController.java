package org.minka.recognition;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import org.minka.common.ApiErrors;
import org.minka.common.CursorPage;
import org.minka.common.HttpCaching;
import org.minka.common.PageRequest;
import org.minka.common.ProblemType;
import org.minka.security.CurrentUser;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping(path = "/api/v1/recognition/courses", produces = "application/json")
@Tag(name = "training")
class CourseController {

    private final Courses courses;
    private final CourseEnrolments enrolments;
    private final CourseAttendance attendance;
    private final HttpCaching caching;

    CourseController(
            Courses courses,
            CourseEnrolments enrolments,
            CourseAttendance attendance,
            HttpCaching caching) {
        this.courses = courses;
        this.enrolments = enrolments;
        this.attendance = attendance;
        this.caching = caching;
    }

    @PostMapping(consumes = "application/json")
    @Operation(
            operationId = "createCourse",
            summary =
                    "Create a training course with its sessions (event organizers and admins); an"
                            + " in-person course's sessions need a place, an online one's a link")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiErrors({400, 401, 403, 415})
    Mono<ResponseEntity<Course>> create(
            @Valid @RequestBody Course.Create request, @AuthenticationPrincipal CurrentUser user) {
        return courses.create(request, user)
                .map(
                        c ->
                                ResponseEntity.created(
                                                URI.create("/api/v1/recognition/courses/" + c.id()))
                                        .body(c));
    }

    @GetMapping
    @Operation(
            operationId = "listCourses",
            summary = "The course catalogue, oldest first, with sessions and free seats (public)")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(
            responseCode = "304",
            description = "Not modified: the If-None-Match ETag still matches",
            content = @Content)
    @ApiErrors(
            value = {400, 401},
            publicRead = true)
    Mono<ResponseEntity<CursorPage<Course>>> list(
            @Parameter(description = "Opaque cursor from the previous page")
                    @RequestParam(required = false)
                    String cursor,
            @Parameter(description = "Page size, 1 to 100 (default 20)")
                    @RequestParam(required = false)
                    Integer limit,
            ServerWebExchange exchange) {
        return Mono.fromSupplier(() -> PageRequest.of(cursor, limit))
                .flatMap(courses::list)
                .map(page -> caching.page(page, exchange));
    }

    @GetMapping("/{courseId}")
    @Operation(
            operationId = "getCourse",
            summary = "A course with its sessions, free seats and completions (public)")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(
            responseCode = "304",
            description = "Not modified: the If-None-Match ETag still matches",
            content = @Content)
    @ApiErrors(
            value = {400, 401, 404},
            publicRead = true)
    Mono<ResponseEntity<Course>> get(@PathVariable UUID courseId) {
        return courses.course(courseId).map(caching::ok);
    }

    @PostMapping(path = "/{courseId}/enrolments")
    @Operation(
            operationId = "enrolInCourse",
            summary =
                    "Enrol the caller, within the seat limit: as an official of a publisher they"
                            + " are a member of, or as a citizen (no body)")
    @ApiResponse(responseCode = "201", description = "Enrolled")
    @ApiErrors(
            value = {400, 401, 404, 409, 415, 422},
            types = {
                ProblemType.COURSE_FULL,
                ProblemType.ALREADY_ENROLLED,
                ProblemType.UNKNOWN_PUBLISHER,
                ProblemType.NOT_A_MEMBER
            })
    Mono<ResponseEntity<Course.Enrolment>> enrol(
            @PathVariable UUID courseId,
            @RequestBody(required = false) Course.Enrol request,
            @AuthenticationPrincipal CurrentUser user) {
        UUID publisherId = request == null ? null : request.publisherId();
        return enrolments
                .enrol(courseId, publisherId, user)
                .map(
                        e ->
                                ResponseEntity.created(
                                                URI.create(
                                                        "/api/v1/recognition/courses/"
                                                                + courseId
                                                                + "/enrolments/me"))
                                        .body(e));
    }

    @GetMapping("/{courseId}/enrolments")
    @Operation(
            operationId = "listCourseEnrolments",
            summary =
                    "The course's participants with attendance, completion and certificate, oldest"
                            + " enrolment first (the course's creator and admins)")
    @ApiErrors({400, 401, 403, 404})
    Mono<ResponseEntity<CursorPage<Course.Enrolment>>> enrolments(
            @PathVariable UUID courseId,
            @Parameter(description = "Opaque cursor from the previous page")
                    @RequestParam(required = false)
                    String cursor,
            @Parameter(description = "Page size, 1 to 100 (default 20)")
                    @RequestParam(required = false)
                    Integer limit,
            @AuthenticationPrincipal CurrentUser user,
            ServerWebExchange exchange) {
        return Mono.fromSupplier(() -> PageRequest.of(cursor, limit))
                .flatMap(page -> enrolments.list(courseId, page, user))
                .map(page -> caching.page(page, exchange));
    }

    @GetMapping("/{courseId}/enrolments/me")
    @Operation(
            operationId = "getMyCourseEnrolment",
            summary =
                    "The caller's enrolment: sessions attended, completion and the certificate's"
                            + " code (verify and download it under /api/v1/certificates)")
    @ApiErrors({400, 401, 404})
    Mono<ResponseEntity<Course.Enrolment>> mine(
            @PathVariable UUID courseId, @AuthenticationPrincipal CurrentUser user) {
        return enrolments.mine(courseId, user).map(caching::ok);
    }

    @PutMapping(path = "/{courseId}/sessions/{sessionId}/attendance", consumes = "application/json")
    @Operation(
            operationId = "markCourseAttendance",
            summary =
                    "Mark enrolled participants present at a session, in bulk and all or nothing;"
                            + " who reach the course's rule complete it and get a certificate (the"
                            + " course's creator and admins)")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiErrors(
            value = {400, 401, 403, 404, 415, 422},
            types = {ProblemType.UNKNOWN_SESSION, ProblemType.NOT_ENROLLED})
    Mono<ResponseEntity<Course.AttendanceResult>> attendance(
            @PathVariable UUID courseId,
            @PathVariable UUID sessionId,
            @Valid @RequestBody Course.Attendance request,
            @AuthenticationPrincipal CurrentUser user) {
        return attendance
                .mark(courseId, sessionId, request.userIds(), user)
                .map(ResponseEntity::ok);
    }
}
