package org.minka;

import java.nio.file.Path;
import org.minka.support.DemoData;
import org.minka.support.DemoRecognition;
import org.minka.support.DemoUsers;
import org.minka.support.LocalServers;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code make run}: starts embedded PostgreSQL, S3Proxy and a dev OIDC issuer (each unless its
 * environment variable points elsewhere), then Minka against them, loads demo data and prints how
 * to get a token per role. Lives in test code so none of these servers ship in the production jar.
 */
public final class LocalMinkaApplication {

    private LocalMinkaApplication() {}

    public static void main(String[] args) throws Exception {
        MinkaApplication.eventLoopPerProcessor();
        Path dataDir = Path.of(env("MINKA_DATA_DIR", ".minka-data")).toAbsolutePath();
        int issuerPort = Integer.parseInt(env("MINKA_ISSUER_PORT", "8090"));
        LocalServers servers =
                LocalServers.forLocalRun(dataDir, issuerPort, DemoUsers.issuerConfig());
        servers.properties().forEach(System::setProperty);
        if (servers.issuer() != null) {
            // Swagger UI's "Authorize" signs in on the dev issuer's login page
            System.setProperty(
                    "minka.security.sign-in.authorization-url", servers.issuerUri() + "/authorize");
            System.setProperty("minka.security.sign-in.token-url", servers.issuerUri() + "/token");
        }
        System.setProperty("springdoc.api-docs.enabled", "true");
        ConfigurableApplicationContext context =
                SpringApplication.run(MinkaApplication.class, args);
        Runtime.getRuntime().addShutdownHook(new Thread(servers::close, "minka-local-servers"));
        String port = context.getEnvironment().getProperty("local.server.port", "8080");
        String api = "http://localhost:" + port;
        String issuerUri = servers.issuer() == null ? null : servers.issuerUri();
        String demoEvent = null;
        String demoInProgress = null;
        String demoJudging = null;
        if (issuerUri != null) {
            try {
                demoEvent = new DemoData(api, issuerUri).load();
            } catch (Exception ex) {
                System.err.println("Could not load demo data: " + ex.getMessage());
            }
            try {
                demoInProgress = new DemoData(api, issuerUri).loadInProgress();
            } catch (Exception ex) {
                System.err.println(
                        "Could not load the in-progress demo edition: " + ex.getMessage());
            }
            try {
                new DemoData(api, issuerUri).loadPrivate();
            } catch (Exception ex) {
                System.err.println("Could not load the private demo edition: " + ex.getMessage());
            }
            try {
                demoJudging = new DemoData(api, issuerUri).loadJudging();
            } catch (Exception ex) {
                System.err.println("Could not load the judging demo edition: " + ex.getMessage());
            }
            try {
                DemoData demo = new DemoData(api, issuerUri);
                new org.minka.support.DemoTraining(api)
                        .load(
                                demo.token("admin"),
                                java.util.List.of(
                                        demo.token("citizen"),
                                        demo.token("mentor"),
                                        demo.token("judge")));
            } catch (Exception ex) {
                System.err.println("Could not load the demo course: " + ex.getMessage());
            }
            try {
                // a local portal serving saved real records, for the recognition demo's datasets
                org.minka.catalog.FakePortals portals = new org.minka.catalog.FakePortals(0);
                Runtime.getRuntime().addShutdownHook(new Thread(portals::close, "demo-portals"));
                DemoData demo = new DemoData(api, issuerUri);
                DemoRecognition recognition = new DemoRecognition(api, demo.token("admin"));
                recognition.load(
                        DemoRecognition.sources(
                                portals.base("ckan"), portals.base("dkan"), portals.base("legacy")),
                        demo.token(DemoRecognition.OFFICIAL));
                System.out.println(
                        "Recognition demo: the official (client id "
                                + DemoRecognition.OFFICIAL
                                + ") gets a certificate with POST "
                                + api
                                + "/api/v1/recognition/campaigns/"
                                + recognition.closedCampaignId()
                                + "/certificate");
            } catch (Exception ex) {
                System.err.println("Could not load the recognition demo: " + ex.getMessage());
            }
            try {
                DemoData demo = new DemoData(api, issuerUri);
                new org.minka.support.DemoVoting(api, role -> demoToken(demo, role)).load();
            } catch (Exception ex) {
                System.err.println("Could not load the voting demo edition: " + ex.getMessage());
            }
            try {
                DemoData demo = new DemoData(api, issuerUri);
                String results =
                        new org.minka.support.DemoResults(api, role -> demoToken(demo, role))
                                .load();
                System.out.println(
                        " Published results (demo): "
                                + api
                                + "/api/v1/events/"
                                + results
                                + "/results");
            } catch (Exception ex) {
                System.err.println("Could not load the results demo edition: " + ex.getMessage());
            }
        }
        printBanner(api, issuerUri, demoEvent, demoInProgress, demoJudging, dataDir);
    }

    private static String demoToken(DemoData demo, String role) {
        try {
            return demo.token(role);
        } catch (Exception ex) {
            throw new IllegalStateException("no token for " + role, ex);
        }
    }

    private static void printBanner(
            String api,
            String issuerUri,
            String demoEvent,
            String demoInProgress,
            String demoJudging,
            Path dataDir) {
        StringBuilder out = new StringBuilder();
        out.append("\n==================================================================\n");
        out.append(" Minka is running\n");
        out.append("   Swagger UI : ").append(api).append("/swagger-ui.html\n");
        out.append("   OpenAPI    : ").append(api).append("/v3/api-docs\n");
        out.append("   Health     : ").append(api).append("/actuator/health\n");
        out.append("   Events     : ").append(api).append("/api/v1/events\n");
        out.append("   Data       : ").append(dataDir).append("\n");
        if (issuerUri != null) {
            out.append("   Issuer     : ").append(issuerUri).append(" (dev only)\n\n");
            out.append(" Get a token for a demo role (copy one line into your shell):\n");
            for (String role : DemoUsers.ROLES) {
                out.append(
                        String.format(
                                "   %-9s  %s%n", role, DemoUsers.tokenCommand(issuerUri, role)));
            }
            out.append(
                    "\n Or sign in from Swagger UI: Authorize, then on the issuer's page type the"
                            + " user name citizen\n (or any demo role, or any other name for a"
                            + " user of that name).\n");
            out.append("\n Then, for example:\n");
            out.append("   curl -s -H \"Authorization: Bearer $TOKEN\" ")
                    .append(api)
                    .append("/api/v1/me\n");
            if (demoEvent != null) {
                out.append("   curl -s -H \"Authorization: Bearer $TOKEN\" ")
                        .append(api)
                        .append("/api/v1/events/")
                        .append(demoEvent)
                        .append("/memberships   # organizer or admin only\n");
            }
            if (demoInProgress != null) {
                out.append("   curl -s -H \"Authorization: Bearer $TOKEN\" ")
                        .append(api)
                        .append("/api/v1/events/")
                        .append(demoInProgress)
                        .append(
                                "/submissions?teamId=...   # see README: demo edition in SUBMISSION\n");
            }
            if (demoJudging != null) {
                out.append("   curl -s -H \"Authorization: Bearer $TOKEN\" ")
                        .append(api)
                        .append("/api/v1/events/")
                        .append(demoJudging)
                        .append("/judging/queue   # as judge: the demo edition in JUDGING\n");
            }
        } else {
            out.append("   Issuer     : OIDC_ISSUER_URI (external; get tokens from it)\n");
        }
        out.append(" Stop with Ctrl-C.\n");
        out.append("==================================================================\n");
        System.out.println(out);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
