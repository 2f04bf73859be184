package org.minka.results;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.minka.certificate.Certificates;
import org.minka.common.DependencyUnavailableException;
import org.minka.common.MinkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Works off the unfinished certificate runs, in the background: on a timer, and as soon as a run is
 * started on this instance. Every instance works; items are claimed with {@code FOR UPDATE SKIP
 * LOCKED}, so two instances share a run and never issue the same certificate twice (and {@link
 * Certificates#issue} is idempotent besides). A run left half-way by an instance that stopped is
 * finished by the next pass: its collection is repeated (recording an item twice is a no-op) and
 * its claimed items are claimed again once the claim is stale.
 */
@Component
class EventCertificateWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventCertificateWorker.class);

    private final EventCertificateRunRepository runs;
    private final List<CertificateSource> sources;
    private final Certificates certificates;
    private final boolean enabled;
    private final Duration firstAfter;
    private final Duration every;
    private final Duration staleClaim;
    private final Sinks.Many<Long> wakes = Sinks.many().multicast().directBestEffort();
    private volatile Disposable task;

    EventCertificateWorker(
            EventCertificateRunRepository runs,
            List<CertificateSource> sources,
            Certificates certificates,
            @Value("${minka.results.certificates.enabled:true}") boolean enabled,
            @Value("${minka.results.certificates.first-after:PT10S}") Duration firstAfter,
            @Value("${minka.results.certificates.every:PT30S}") Duration every,
            @Value("${minka.results.certificates.stale-claim:PT5M}") Duration staleClaim) {
        this.runs = runs;
        this.sources = sources;
        this.certificates = certificates;
        this.enabled = enabled;
        this.firstAfter = firstAfter;
        this.every = every;
        this.staleClaim = staleClaim;
    }

    /** Asks for a pass now (a run was started); dropped when a pass is already asked for. */
    void wake() {
        wakes.tryEmitNext(0L);
    }

    /** One pass: every unfinished run, oldest first. */
    Mono<Long> runOnce() {
        return runs.unfinishedRuns().concatMap(this::work).count();
    }

    /** Collects the run's items if that is not done yet, issues what is pending, finishes it. */
    Mono<Boolean> work(UUID runId) {
        return runs.find(runId)
                .flatMap(this::collected)
                .flatMap(this::issueAll)
                .then(Mono.defer(() -> runs.finish(runId)))
                .map(finished -> finished > 0)
                .onErrorResume(e -> interrupted(runId, e));
    }

    private Mono<Boolean> interrupted(UUID runId, Throwable e) {
        log.warn("certificate run {} interrupted, the next pass goes on: {}", runId, e.toString());
        return Mono.just(false);
    }

    private Mono<EventCertificateRunRepository.Run> collected(
            EventCertificateRunRepository.Run run) {
        if (run.state() != EventCertificateRun.State.COLLECTING) {
            return Mono.just(run);
        }
        return Flux.fromIterable(sources)
                .concatMap(source -> due(source, run))
                .concatMap(issue -> runs.addItem(run.id(), issue))
                .then(Mono.defer(() -> runs.collected(run.id())))
                .thenReturn(run);
    }

    private static Flux<Certificates.Issue> due(
            CertificateSource source, EventCertificateRunRepository.Run run) {
        if (source instanceof LocalizedCertificateSource localized) {
            return localized.due(run.eventId(), run.language());
        }
        return source.due(run.eventId());
    }

    private Mono<Void> issueAll(EventCertificateRunRepository.Run run) {
        return Mono.defer(() -> next(run)).repeat().takeWhile(Boolean::booleanValue).then();
    }

    /** Claims and issues one item; false when none is left to claim. */
    private Mono<Boolean> next(EventCertificateRunRepository.Run run) {
        return runs.claim(run.id(), staleClaim)
                .flatMap(item -> issued(item).thenReturn(true))
                .defaultIfEmpty(false);
    }

    private Mono<Void> issued(EventCertificateRunRepository.Item item) {
        return certificates
                .issue(item.issue())
                .flatMap(c -> runs.done(item.id(), c.code()))
                .onErrorResume(e -> failed(item, e));
    }

    private Mono<Void> failed(EventCertificateRunRepository.Item item, Throwable e) {
        String reason = reason(e);
        log.warn("certificate {} of run {} failed: {}", item.id(), item.runId(), reason);
        return runs.failed(item.id(), reason);
    }

    /** A reason code for a failure: what an organizer can act on, never a stack trace. */
    static String reason(Throwable e) {
        if (e instanceof DependencyUnavailableException unavailable) {
            return String.valueOf(unavailable.getMessage()).startsWith("object storage")
                    ? "storage-unavailable"
                    : "database-unavailable";
        }
        if (DependencyUnavailableException.isCauseOf(e)) {
            return "database-unavailable";
        }
        if (e instanceof MinkaException) {
            return "invalid-text";
        }
        return "internal-error";
    }

    @Override
    public void start() {
        if (!enabled) {
            return;
        }
        task =
                Flux.merge(Flux.interval(firstAfter, every), wakes.asFlux())
                        .onBackpressureDrop()
                        .concatMap(tick -> pass(), 1)
                        .subscribe();
    }

    private Mono<Long> pass() {
        return runOnce().onErrorResume(e -> skipped(e));
    }

    private Mono<Long> skipped(Throwable e) {
        log.warn("certificate runs pass failed: {}", e.toString());
        return Mono.empty();
    }

    @Override
    public void stop() {
        Disposable running = task;
        if (running != null) {
            running.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        Disposable running = task;
        return running != null && !running.isDisposed();
    }
}
