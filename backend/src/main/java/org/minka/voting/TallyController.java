package org.minka.voting;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.UUID;
import org.minka.common.ApiErrors;
import org.minka.common.ProblemType;
import org.minka.security.CurrentUser;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** An event's tallies (read once, or streamed live) and People's Choice. */
@RestController
@RequestMapping(path = "/api/v1/events/{eventId}/voting")
@Tag(name = "Voting")
class TallyController {

    private final TallyService tallies;
    private final TallyFeed feed;
    private final VotingAccess voting;
    private final Duration heartbeat;

    TallyController(
            TallyService tallies,
            TallyFeed feed,
            VotingAccess voting,
            VotingProperties properties) {
        this.tallies = tallies;
        this.feed = feed;
        this.voting = voting;
        this.heartbeat = properties.heartbeat();
    }

    @GetMapping(path = "/tallies", produces = "application/json")
    @Operation(
            operationId = "getVotingTallies",
            summary = "Valid votes per submission, per challenge and for the event",
            description =
                    "Organizers may always read them. Everyone who sees the event may once VOTING has"
                            + " closed, and while it is open when the event's liveTallies is on; anyone else"
                            + " gets 403 tallies-hidden. Only valid, unretracted ballots count; no voter is"
                            + " shown.")
    @ApiErrors(
            value = {400, 401, 403, 404},
            types = {ProblemType.TALLIES_HIDDEN},
            publicRead = true)
    Mono<Tallies> tallies(@PathVariable UUID eventId, @AuthenticationPrincipal CurrentUser user) {
        return tallies.tallies(eventId, user);
    }

    @GetMapping(path = "/tallies/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(
            operationId = "streamVotingTallies",
            summary = "Server-sent events: the event's tallies now, then each change, live",
            description =
                    "Who may read is the same as for GET tallies. The first event carries the tallies"
                            + " now; each later one the whole tallies again after a change, at most two per"
                            + " second (changes in between fold into the next). Every event is `event:"
                            + " tally` with the VotingTallies as JSON in `data`. Votes cast on any instance"
                            + " arrive on every instance (one PostgreSQL NOTIFY per coalesced change, fanned"
                            + " out in memory). Comments (`: heartbeat`) arrive every 15 seconds. When the"
                            + " instance shuts down, the stream ends with a comment and a `retry:` hint;"
                            + " reconnect to get the tallies again.")
    @ApiResponse(
            responseCode = "200",
            description = "An endless text/event-stream",
            content =
                    @Content(
                            mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
                            schema =
                                    @Schema(
                                            type = "string",
                                            description =
                                                    "SSE frames whose data is a VotingTallies (see that schema)"),
                            examples =
                                    @ExampleObject(
                                            value =
                                                    "event:tally\ndata:{\"eventId\":\"0e7c1a52-3f6b-4bd4-9a43-8f0f1d2c3b4a\",\"votes\":3,\"closed\":false,\"challenges\":[{\"challengeId\":\"7a1e2b3c-4d5e-4f60-8a9b-0c1d2e3f4a5b\",\"votes\":3,\"submissions\":[{\"submissionId\":\"9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d\",\"votes\":2},{\"submissionId\":\"5b0f7d3e-2c4a-4f8e-9a1b-6c7d8e9f0a1b\",\"votes\":1}]}]}\n\n")))
    @ApiErrors(
            value = {400, 401, 403, 404},
            types = {ProblemType.TALLIES_HIDDEN},
            publicRead = true)
    Flux<ServerSentEvent<Tallies>> stream(
            @PathVariable UUID eventId, @AuthenticationPrincipal CurrentUser user) {
        return tallies.stream(eventId, user).flatMapMany(this::framed);
    }

    private Flux<ServerSentEvent<Tallies>> framed(Flux<Tallies> live) {
        Flux<ServerSentEvent<Tallies>> events =
                live.map(t -> ServerSentEvent.<Tallies>builder(t).event("tally").build());
        Flux<ServerSentEvent<Tallies>> beats =
                Flux.interval(heartbeat, heartbeat)
                        .map(i -> ServerSentEvent.<Tallies>builder().comment("heartbeat").build());
        ServerSentEvent<Tallies> farewell =
                ServerSentEvent.<Tallies>builder()
                        .comment("shutting down")
                        .retry(Duration.ofSeconds(2))
                        .build();
        return Flux.merge(events, beats)
                .takeUntilOther(feed.closing())
                .concatWith(Mono.just(farewell));
    }

    @GetMapping(path = "/peoples-choice", produces = "application/json")
    @Operation(
            operationId = "getPeoplesChoice",
            summary =
                    "People's Choice from the valid tally (organizers; provisional until VOTING closes)",
            description =
                    "The most voted submission per challenge, or in the whole event when the event's"
                            + " voting scope is PER_EVENT. Ties are explicit: every submission sharing the"
                            + " top count is named and tied is true.")
    @ApiErrors({400, 401, 403, 404})
    Mono<PeoplesChoice> peoplesChoice(
            @PathVariable UUID eventId, @AuthenticationPrincipal CurrentUser user) {
        return voting.peoplesChoice(eventId, user);
    }
}
