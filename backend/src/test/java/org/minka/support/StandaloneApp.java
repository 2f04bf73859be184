package org.minka.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.minka.MinkaApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;

/**
 * One more Minka, in its own application context on its own port, for the tests that stop it or the
 * servers under it (the fault tests). It uses the shared test servers unless told otherwise.
 */
public final class StandaloneApp implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final int port;

    private StandaloneApp(ConfigurableApplicationContext context) {
        this.context = context;
        this.port =
                context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    /** Starts an instance on the shared servers, with these properties on top. */
    public static StandaloneApp start(Map<String, String> overrides) {
        Map<String, String> properties = new LinkedHashMap<>(LocalServers.forTests().properties());
        properties.put("server.port", "0");
        properties.put("minka.notifications.heartbeat", "2s");
        properties.put("minka.reminders.enabled", "false");
        properties.put("minka.catalog.refresh.enabled", "false");
        properties.put("minka.submission.reaper-interval", "0s");
        properties.putAll(overrides);
        List<String> args = new ArrayList<>();
        properties.forEach((key, value) -> args.add("--" + key + "=" + value));
        return new StandaloneApp(
                new SpringApplicationBuilder(MinkaApplication.class)
                        .run(args.toArray(String[]::new)));
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /**
     * A client of this instance: fresh connections, every response checked against the contract.
     */
    public WebTestClient web() {
        return WebTestClient.bindToServer(
                        new ReactorClientHttpConnector(HttpClient.newConnection()))
                .baseUrl(baseUrl())
                .responseTimeout(Duration.ofSeconds(60))
                .filter(ContractCheck.filter())
                .build();
    }

    @Override
    public void close() {
        context.close();
    }
}
