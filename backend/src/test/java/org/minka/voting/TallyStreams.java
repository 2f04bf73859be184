package org.minka.voting;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import reactor.core.Disposable;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Test subscribers of a tally stream over real HTTP: each keeps the text it has received, and the
 * caller waits until every one has seen a frame that matches.
 */
public final class TallyStreams implements AutoCloseable {

    private final ConnectionProvider pool;
    private final HttpClient client;
    private final List<StringBuffer> received = new ArrayList<>();
    private final List<Disposable> streams = new ArrayList<>();

    public TallyStreams(int subscribers) {
        pool =
                ConnectionProvider.builder("tally-streams")
                        .maxConnections(subscribers + 10)
                        .pendingAcquireMaxCount(subscribers * 2)
                        .build();
        client = HttpClient.create(pool).responseTimeout(Duration.ofSeconds(120));
    }

    /** Opens one stream (token null: anonymous). */
    public void open(String url, String token) {
        StringBuffer text = new StringBuffer();
        received.add(text);
        HttpClient c =
                token == null
                        ? client
                        : client.headers(h -> h.add("Authorization", "Bearer " + token));
        streams.add(c.get().uri(url).responseContent().asString().subscribe(text::append));
    }

    public int size() {
        return received.size();
    }

    /** Waits until every stream has received text that matches; false on time-out. */
    public boolean await(Predicate<String> seen, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (received.stream().allMatch(t -> seen.test(t.toString()))) {
                return true;
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
        return false;
    }

    /** When each stream first matched, polled every millisecond: nanoTime per stream. */
    public long[] arrivals(Predicate<String> seen, Duration timeout) throws InterruptedException {
        long[] at = new long[received.size()];
        int left = at.length;
        long end = System.nanoTime() + timeout.toNanos();
        while (left > 0 && System.nanoTime() < end) {
            for (int i = 0; i < at.length; i++) {
                if (at[i] == 0 && seen.test(received.get(i).toString())) {
                    at[i] = System.nanoTime();
                    left--;
                }
            }
            TimeUnit.MILLISECONDS.sleep(1);
        }
        return at;
    }

    /** The text one stream has received. */
    public String text(int i) {
        return received.get(i).toString();
    }

    /** How many of the text's frames are tally events. */
    public static int tallyEvents(String text) {
        int n = 0;
        for (int i = text.indexOf("event:tally"); i >= 0; i = text.indexOf("event:tally", i + 1)) {
            n++;
        }
        return n;
    }

    @Override
    public void close() {
        streams.forEach(Disposable::dispose);
        pool.disposeLater().block(Duration.ofSeconds(10));
    }
}
