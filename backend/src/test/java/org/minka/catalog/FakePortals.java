package org.minka.catalog;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP server that plays real portals: every saved response is served at the path its
 * portal uses, plus portals that fail (500), hang, send 50 MB, send invalid JSON, or answer 418
 * unless the User-Agent looks like a browser (as PNDA's firewall does).
 */
public final class FakePortals implements AutoCloseable {

    public static final long HUGE_BYTES = 50L * 1024 * 1024;

    static final String DEMO_ID = "17be64bb-da74-4195-9bb8-565c39846af2";
    static final String DEMO_SLUG = "2016-regione-asia-est-oceania-classi-di-eta";
    static final String BONN_ID = "42db3b50-1904-4123-98a3-6e71d381362a";
    static final String BONN_SLUG = "stellenangebote-der-stadtwerke-bonn";
    static final String LEGACY_ID = "756d6426-d52d-492a-a263-599ad1caa123";
    static final String LEGACY_SLUG = "zimbabwe-regional-geochemical-survey";
    static final String DCAT_ID = "http://dx.doi.org/10.7927/H45X26V8";

    private static final String NOT_FOUND =
            "{\"help\":\"\",\"success\":false,\"error\":{\"__type\":\"Not Found Error\",\"message\":\"Not found\"}}";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final Map<String, String> lastUserAgent = new ConcurrentHashMap<>();
    private final long hangMillis;
    private volatile String mutable;
    private volatile String lastRange;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    public FakePortals(long hangMillis) {
        this.hangMillis = hangMillis;
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 64);
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The base URL of one fake portal, e.g. {@code base("ckan")}. */
    public String base(String portal) {
        return "http://localhost:" + server.getAddress().getPort() + "/" + portal;
    }

    /** A portal of this kind under its own base URL, so each test registers its own. */
    public String base(String tag, String portal) {
        return "http://localhost:" + server.getAddress().getPort() + "/t-" + tag + "/" + portal;
    }

    /** What the "mutable" portal's package_show answers from now on (null: HTTP 500). */
    public void setMutable(String packageShow) {
        mutable = packageShow;
    }

    public int hits(String portal) {
        return hits.getOrDefault(portal, new AtomicInteger()).get();
    }

    public String lastUserAgent(String portal) {
        return lastUserAgent.get(portal);
    }

    public void reset() {
        hits.clear();
        lastUserAgent.clear();
    }

    private void handle(HttpExchange ex) {
        try {
            String path = ex.getRequestURI().getPath();
            if (path.startsWith("/t-")) {
                path = path.substring(path.indexOf('/', 1));
            }
            String[] parts = path.split("/", 3);
            String portal = parts.length > 1 ? parts[1] : "";
            String rest = parts.length > 2 ? "/" + parts[2] : "/";
            hits.computeIfAbsent(portal, k -> new AtomicInteger()).incrementAndGet();
            String ua = ex.getRequestHeaders().getFirst("User-Agent");
            lastUserAgent.put(portal, ua == null ? "" : ua);
            String id = query(ex, "id");
            switch (portal) {
                case "ckan" -> ckan(ex, rest, id);
                case "dkan" -> dkan(ex, rest, id);
                case "legacy" -> legacy(ex, rest, id);
                case "dcat" -> dataJson(ex, rest, "dcat_us_1_1_catalog_sample.json");
                case "pod" -> dataJson(ex, rest, "dcat_us_catalog_pod_ckanext_dcat.jsonld");
                case "mutable" -> {
                    String body = mutable;
                    if (body == null) {
                        send(ex, 500, "<html>down for maintenance</html>");
                    } else {
                        send(ex, 200, body);
                    }
                }
                case "teapot" -> send(ex, 418, "<html><body>Request blocked</body></html>");
                case "files" -> files(ex, rest);
                case "down" -> send(ex, 500, "<html><body>Internal Server Error</body></html>");
                case "hang" -> {
                    sleep(hangMillis);
                    send(ex, 200, "{}");
                }
                case "huge" -> huge(ex);
                case "broken" -> send(ex, 200, "{\"success\": true, \"result\": [{\"id\": ");
                case "waf" -> {
                    if (ua == null || !ua.startsWith("Mozilla/5.0")) {
                        send(ex, 418, "<html><body>I'm a teapot</body></html>");
                    } else {
                        ckan(ex, rest, id);
                    }
                }
                default -> send(ex, 404, "no such portal");
            }
        } catch (IOException ignored) {
            // the client went away (size cap, time-out): nothing to answer
        } finally {
            ex.close();
        }
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    public String lastRange() {
        return lastRange;
    }

    private void files(HttpExchange ex, String rest) throws IOException {
        boolean head = ex.getRequestMethod().equals("HEAD");
        String range = ex.getRequestHeaders().getFirst("Range");
        if (range != null) {
            lastRange = range;
        }
        if (rest.startsWith("/slow-")) {
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            try {
                sleep(200);
            } finally {
                inFlight.decrementAndGet();
            }
            ex.sendResponseHeaders(200, -1);
            return;
        }
        switch (rest) {
            case "/ok.csv" -> {
                if (head) {
                    ex.sendResponseHeaders(200, -1);
                } else {
                    send(ex, 200, "a,b\n1,2\n");
                }
            }
            case "/nohead.csv" -> {
                if (head) {
                    ex.sendResponseHeaders(405, -1);
                } else if (range != null) {
                    ex.getResponseHeaders().set("Content-Range", "bytes 0-0/9");
                    ex.sendResponseHeaders(206, 1);
                    ex.getResponseBody().write('a');
                } else {
                    send(ex, 200, "a,b\n1,2\n");
                }
            }
            default -> ex.sendResponseHeaders(404, -1);
        }
    }

    private void ckan(HttpExchange ex, String rest, String id) throws IOException {
        switch (rest) {
            case "/api/3/action/package_show" -> {
                if (DEMO_ID.equals(id) || DEMO_SLUG.equals(id)) {
                    file(ex, "package_show_demo_ckan_org.json");
                } else {
                    send(ex, 404, NOT_FOUND);
                }
            }
            case "/api/3/action/package_search" -> file(ex, "package_search_demo_ckan_org.json");
            case "/api/3/action/status_show" ->
                    send(ex, 200, "{\"success\":true,\"result\":{\"ckan_version\":\"2.9.9\"}}");
            default -> send(ex, 404, NOT_FOUND);
        }
    }

    private void dkan(HttpExchange ex, String rest, String id) throws IOException {
        switch (rest) {
            case "/api/3/action/package_show" -> {
                if (BONN_ID.equals(id) || BONN_SLUG.equals(id)) {
                    file(ex, "dkan_package_show_opendata_bonn_de.json");
                } else if ("1".equals(id) || "name".equals(id)) {
                    file(ex, "dkan_package_show_fixture_minimal.json");
                } else {
                    send(ex, 200, "{\"help\":\"\",\"success\":true,\"result\":[]}");
                }
            }
            case "/api/3/action/package_list" ->
                    send(
                            ex,
                            200,
                            "{\"help\":\"\",\"success\":true,\"result\":[\"" + BONN_SLUG + "\"]}");
            default -> send(ex, 404, "<html>Page not found</html>");
        }
    }

    private void legacy(HttpExchange ex, String rest, String id) throws IOException {
        if (rest.equals("/api/3/action/package_show")
                && (LEGACY_ID.equals(id) || LEGACY_SLUG.equals(id))) {
            file(ex, "ckan_dataset_dict_ckanext_dcat_legacy.json");
        } else {
            send(ex, 404, NOT_FOUND);
        }
    }

    private void dataJson(HttpExchange ex, String rest, String file) throws IOException {
        if (rest.equals("/data.json")) {
            file(ex, file);
        } else {
            send(ex, 404, "not found");
        }
    }

    private void huge(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(200, 0);
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) ' ');
        chunk[0] = '[';
        try (OutputStream out = ex.getResponseBody()) {
            for (long sent = 0; sent < HUGE_BYTES; sent += chunk.length) {
                out.write(chunk);
                chunk[0] = ' ';
            }
        }
    }

    private static void file(HttpExchange ex, String name) throws IOException {
        byte[] body = CatalogFixtures.bytes(name);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
    }

    private static void send(HttpExchange ex, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders()
                .set("Content-Type", text.startsWith("{") ? "application/json" : "text/html");
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
    }

    private static String query(HttpExchange ex, String name) {
        String q = ex.getRequestURI().getRawQuery();
        if (q == null) {
            return null;
        }
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
