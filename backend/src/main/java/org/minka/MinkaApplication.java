package org.minka;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline;
import org.springframework.core.metrics.StartupStep;

@SpringBootApplication
public class MinkaApplication {

    /** Reactor Netty's number of event loops, for the HTTP server and for PostgreSQL's client. */
    static final String IO_WORKER_COUNT = "reactor.netty.ioWorkerCount";

    /**
     * One event loop per processor, where Reactor Netty's default is at least four for the server
     * and four more for the database client. On the two processors of a small pod the loops wake
     * each other for every request and take turns on the processors; with two of each, {@code make
     * bench-vote}'s cast took 0.54–0.71 ms of the app's CPU instead of 0.77 in single rounds, a
     * difference that full runs did not separate from the machine's noise (docs/performance.md). A
     * value set with {@code -Dreactor.netty.ioWorkerCount} stays. Call it before anything loads
     * Reactor Netty.
     */
    public static void eventLoopPerProcessor() {
        System.setProperty(
                IO_WORKER_COUNT,
                eventLoops(
                        System.getProperty(IO_WORKER_COUNT),
                        Runtime.getRuntime().availableProcessors()));
    }

    /** The event loops to run: the configured number, or one per processor. */
    static String eventLoops(String configured, int processors) {
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        return Integer.toString(Math.max(1, processors));
    }

    /**
     * With {@code MINKA_STARTUP_STEPS=<file>} the start-up steps (bean creations, configuration
     * classes, context refresh) are recorded and, once the application has started, written to that
     * file as tab-separated lines: id, parent id, name, duration in ms, tags. {@code
     * STARTUP_STEPS=1 make bench-startup} uses it to show where start-up time goes.
     */
    public static void main(String[] args) throws IOException {
        eventLoopPerProcessor();
        SpringApplication app = new SpringApplication(MinkaApplication.class);
        String steps = System.getenv("MINKA_STARTUP_STEPS");
        BufferingApplicationStartup startup = new BufferingApplicationStartup(100_000);
        if (steps != null && !steps.isBlank()) {
            app.setApplicationStartup(startup);
        }
        app.run(args);
        if (steps != null && !steps.isBlank()) {
            Files.write(Path.of(steps), lines(startup.getBufferedTimeline()));
        }
    }

    private static List<String> lines(StartupTimeline timeline) {
        List<String> lines = new ArrayList<>();
        for (StartupTimeline.TimelineEvent event : timeline.getEvents()) {
            StartupStep step = event.getStartupStep();
            StringBuilder tags = new StringBuilder();
            step.getTags().forEach(t -> tags.append(t.getKey()).append('=').append(t.getValue()));
            lines.add(
                    step.getId()
                            + "\t"
                            + step.getParentId()
                            + "\t"
                            + step.getName()
                            + "\t"
                            + event.getDuration().toNanos() / 1e6
                            + "\t"
                            + tags.toString().replace('\t', ' ').replace('\n', ' '));
        }
        return lines;
    }
}
