package org.minka.notification;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.minka.common.Checks;
import org.minka.common.CursorPage;
import org.minka.common.MinkaException;
import org.minka.common.PeriodicTask;
import org.minka.common.ProblemType;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Service;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** The inbox and the live stream of one user. */
@Service
class NotificationService {

    static final int REPLAY_PAGE = 500;
    static final int LIVE_BUFFER = 4096;

    private static final ServerSentEvent<Notification> HEARTBEAT =
            ServerSentEvent.<Notification>builder().comment("heartbeat").build();

    private final NotificationRepository notifications;
    private final NotificationHub hub;
    private final StreamShutdown shutdown;

    /**
     * One ticker for every stream. Streams come and go without starting or cancelling timers of
     * their own; a subscriber that is not reading simply misses a beat.
     */
    private final Sinks.Many<Long> beats = Sinks.many().multicast().directBestEffort();

    private final AtomicLong beat = new AtomicLong();

    NotificationService(
            NotificationRepository notifications, NotificationHub hub, StreamShutdown shutdown) {
        this.notifications = notifications;
        this.hub = hub;
        this.shutdown = shutdown;
    }

    /** The heartbeat of this instance's streams, every {@code minka.notifications.heartbeat}. */
    @Bean
    static SmartLifecycle notificationHeartbeat(
            NotificationService service,
            @Value("${minka.notifications.heartbeat:15s}") Duration heartbeat) {
        return new PeriodicTask("Stream heartbeat", heartbeat, heartbeat, service::beat);
    }

    /** One beat to every open stream of this instance (each instance beats its own streams). */
    Mono<Void> beat() {
        return Mono.fromRunnable(() -> beats.tryEmitNext(beat.incrementAndGet()));
    }

    Mono<CursorPage<Notification>> inbox(
            UUID userId, String cursor, Integer limit, boolean unread) {
        int size = limit == null ? 20 : limit;
        if (size < 1 || size > 100) {
            return Mono.error(MinkaException.invalid("limit", "must be between 1 and 100"));
        }
        Long before;
        try {
            before = cursor == null || cursor.isBlank() ? null : Long.parseLong(cursor);
        } catch (NumberFormatException ex) {
            return Mono.error(new MinkaException(ProblemType.INVALID_CURSOR));
        }
        return notifications
                .page(userId, before, unread, size + 1)
                .collectList()
                .map(rows -> pageOf(rows, size));
    }

    private static CursorPage<Notification> pageOf(List<Notification> rows, int size) {
        boolean more = rows.size() > size;
        List<Notification> page = more ? rows.subList(0, size) : rows;
        String next = more ? String.valueOf(page.get(page.size() - 1).seq()) : null;
        return new CursorPage<>(page, next);
    }

    Mono<Notification.Unread> unread(UUID userId) {
        return notifications.unread(userId).map(Notification.Unread::new);
    }

    Mono<Void> markRead(UUID userId, long seq) {
        return Checks.updatedOrFail(
                notifications.markRead(userId, seq), () -> MinkaException.notFound("notification"));
    }

    Mono<Void> markAllRead(UUID userId, Long upTo) {
        return notifications.markAllRead(userId, upTo).then();
    }

    /**
     * New notifications as server-sent events, each with its {@code seq} as id, after {@code
     * lastEventId} when given (else from now on), plus heartbeats. Live signals are buffered per
     * subscriber; a subscriber too slow to keep up is cut off and resumes from the database. On
     * shutdown the stream ends with a {@code retry:} hint ({@link StreamShutdown}).
     */
    Flux<ServerSentEvent<Notification>> stream(UUID userId, Long lastEventId) {
        Mono<Long> start =
                lastEventId == null ? notifications.lastSeq(userId) : Mono.just(lastEventId);
        return shutdown.untilShutdown(start.flatMapMany(from -> live(userId, from)));
    }

    private Flux<ServerSentEvent<Notification>> live(UUID userId, long from) {
        ServerSentEvent<Notification> connected =
                ServerSentEvent.<Notification>builder()
                        .comment("connected")
                        .retry(Duration.ofSeconds(3))
                        .build();
        return Flux.merge(
                Flux.just(connected),
                notificationsAfter(userId, from).map(NotificationService::toEvent),
                beats.asFlux().map(i -> HEARTBEAT));
    }

    /**
     * Live notifications after {@code from}; a resync signal replays from the database. Each
     * heartbeat is a resync too: PostgreSQL may drop a NOTIFY (a listener that reconnects misses
     * what was sent meanwhile), so a stream catches up from the table within one heartbeat.
     */
    private Flux<Notification> notificationsAfter(UUID userId, long from) {
        AtomicLong last = new AtomicLong(from);
        return Flux.merge(signalsFor(userId), beats.asFlux().map(i -> RESYNC))
                .onBackpressureBuffer(LIVE_BUFFER, BufferOverflowStrategy.ERROR)
                .startWith(NotificationHub.Signal.RESYNC)
                .concatMap(
                        s ->
                                s.notification() == null
                                        ? replay(userId, last.get())
                                        : Flux.just(s.notification()))
                .filter(n -> n.seq() > last.get())
                .doOnNext(n -> last.set(n.seq()));
    }

    private static final NotificationHub.Signal RESYNC = NotificationHub.Signal.RESYNC;

    private Flux<NotificationHub.Signal> signalsFor(UUID userId) {
        return hub.signals().filter(s -> s.resync() || userId.equals(s.userId()));
    }

    private static ServerSentEvent<Notification> toEvent(Notification n) {
        return ServerSentEvent.builder(n).id(String.valueOf(n.seq())).event(n.kind()).build();
    }

    /** Everything after {@code seq}, read in pages. */
    private Flux<Notification> replay(UUID userId, long seq) {
        return notifications
                .after(userId, seq, REPLAY_PAGE)
                .collectList()
                .expand(page -> nextPage(userId, page))
                .flatMapIterable(page -> page);
    }

    private Mono<List<Notification>> nextPage(UUID userId, List<Notification> page) {
        if (page.size() < REPLAY_PAGE) {
            return Mono.empty();
        }
        long last = page.get(page.size() - 1).seq();
        return notifications.after(userId, last, REPLAY_PAGE).collectList();
    }
}
