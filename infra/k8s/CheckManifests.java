import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * {@code make k8s-check}: parses every manifest in infra/k8s and asserts the fields a cluster
 * would need, without a cluster. Run: {@code java -cp snakeyaml.jar infra/k8s/CheckManifests.java}.
 */
public class CheckManifests {

    static final Map<String, String> API_VERSIONS =
            Map.of(
                    "Deployment", "apps/v1",
                    "Service", "v1",
                    "ConfigMap", "v1",
                    "Secret", "v1",
                    "PodDisruptionBudget", "policy/v1",
                    "HorizontalPodAutoscaler", "autoscaling/v2",
                    "Ingress", "networking.k8s.io/v1",
                    "Kustomization", "kustomize.config.k8s.io/v1beta1");

    static final List<String> failures = new ArrayList<>();
    static int checks;

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "infra/k8s");
        Map<String, Map<String, Object>> byKind = new HashMap<>();
        Map<String, String> fileOf = new HashMap<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        for (Path file : files) {
            for (Object doc : yaml.loadAll(Files.readString(file))) {
                Map<String, Object> m = map(doc);
                String kind = str(m.get("kind"));
                check(kind != null, file + ": has a kind");
                check(
                        Objects.equals(API_VERSIONS.get(kind), m.get("apiVersion")),
                        file + ": " + kind + " uses apiVersion " + API_VERSIONS.get(kind));
                if (!"Kustomization".equals(kind)) {
                    check(at(m, "metadata", "name") != null, file + ": metadata.name");
                }
                byKind.put(kind, m);
                fileOf.put(kind, file.getFileName().toString());
            }
        }
        for (String kind : API_VERSIONS.keySet()) {
            check(byKind.containsKey(kind), "a " + kind + " is present");
        }
        deployment(byKind);
        service(byKind);
        policies(byKind);
        ingress(byKind);
        config(byKind);
        kustomization(dir, byKind, fileOf);
        System.out.printf(
                "k8s-check: %d files, %d checks, %d failed%n",
                files.size(), checks, failures.size());
        failures.forEach(f -> System.out.println("FAIL " + f));
        if (!failures.isEmpty()) System.exit(1);
    }

    static void deployment(Map<String, Map<String, Object>> k) {
        Map<String, Object> d = k.get("Deployment");
        Object replicas = at(d, "spec", "replicas");
        check(replicas instanceof Integer r && r >= 2, "Deployment: at least 2 replicas");
        check(
                Objects.equals(
                        at(d, "spec", "selector", "matchLabels"),
                        at(d, "spec", "template", "metadata", "labels")),
                "Deployment: selector matches the pod labels");
        check(
                Integer.valueOf(0).equals(at(d, "spec", "strategy", "rollingUpdate", "maxUnavailable")),
                "Deployment: rolling update never drops below the replica count");
        Map<String, Object> pod = map(at(d, "spec", "template", "spec"));
        check(Boolean.TRUE.equals(at(pod, "securityContext", "runAsNonRoot")), "pod runs as non-root");
        check(pod.get("terminationGracePeriodSeconds") instanceof Integer, "pod has a grace period");
        Map<String, Object> c = map(list(pod.get("containers")).get(0));
        check(str(c.get("image")) != null, "container has an image");
        check(
                list(c.get("ports")).stream()
                        .map(CheckManifests::map)
                        .anyMatch(p -> "http".equals(p.get("name")) && Integer.valueOf(8080).equals(p.get("containerPort"))),
                "container exposes http=8080");
        probe(c, "startupProbe", "/actuator/health/liveness");
        probe(c, "livenessProbe", "/actuator/health/liveness");
        probe(c, "readinessProbe", "/actuator/health/readiness");
        int startup =
                num(at(c, "startupProbe", "periodSeconds"))
                        * num(at(c, "startupProbe", "failureThreshold"));
        check(startup >= 180, "startup probe allows >= 180 s for migrations (" + startup + " s)");
        for (String r : List.of("cpu", "memory")) {
            check(at(c, "resources", "requests", r) != null, "resources.requests." + r);
        }
        check(at(c, "resources", "limits", "memory") != null, "resources.limits.memory");
        check(Boolean.TRUE.equals(at(c, "securityContext", "readOnlyRootFilesystem")), "read-only root FS");
        check(
                list(pod.get("volumes")).stream().map(CheckManifests::map).anyMatch(v -> v.containsKey("emptyDir"))
                        && list(c.get("volumeMounts")).stream().map(CheckManifests::map).anyMatch(v -> "/tmp".equals(v.get("mountPath"))),
                "/tmp is a writable emptyDir");
        List<Map<String, Object>> envFrom = list(c.get("envFrom")).stream().map(CheckManifests::map).toList();
        check(
                envFrom.stream().anyMatch(e -> Objects.equals(at(e, "configMapRef", "name"), at(k.get("ConfigMap"), "metadata", "name"))),
                "envFrom names the ConfigMap");
        check(
                envFrom.stream().anyMatch(e -> Objects.equals(at(e, "secretRef", "name"), at(k.get("Secret"), "metadata", "name"))),
                "envFrom names the Secret");
    }

    static void probe(Map<String, Object> c, String name, String path) {
        check(Objects.equals(at(c, name, "httpGet", "path"), path), name + " on " + path);
        check(Objects.equals(at(c, name, "httpGet", "port"), "http"), name + " on port http");
    }

    static void service(Map<String, Map<String, Object>> k) {
        Map<String, Object> s = k.get("Service");
        check(
                Objects.equals(at(s, "spec", "selector"), at(k.get("Deployment"), "spec", "template", "metadata", "labels")),
                "Service selects the Deployment's pods");
        check(
                list(at(s, "spec", "ports")).stream().map(CheckManifests::map).anyMatch(p -> "http".equals(p.get("name")) && "http".equals(p.get("targetPort"))),
                "Service port http targets the named container port");
    }

    static void policies(Map<String, Map<String, Object>> k) {
        Map<String, Object> labels = map(at(k.get("Deployment"), "spec", "template", "metadata", "labels"));
        Map<String, Object> pdb = k.get("PodDisruptionBudget");
        check(Objects.equals(at(pdb, "spec", "selector", "matchLabels"), labels), "PDB selects the pods");
        Object min = at(pdb, "spec", "minAvailable");
        check(min instanceof Integer m && m >= 1 && m < num(at(k.get("Deployment"), "spec", "replicas")),
                "PDB minAvailable is >= 1 and below the replicas (drains can proceed)");
        Map<String, Object> hpa = k.get("HorizontalPodAutoscaler");
        check(Objects.equals(at(hpa, "spec", "scaleTargetRef", "kind"), "Deployment")
                && Objects.equals(at(hpa, "spec", "scaleTargetRef", "name"), at(k.get("Deployment"), "metadata", "name")),
                "HPA scales the Deployment");
        check(num(at(hpa, "spec", "minReplicas")) >= 2 && num(at(hpa, "spec", "maxReplicas")) > num(at(hpa, "spec", "minReplicas")),
                "HPA 2 <= min < max");
        check(!list(at(hpa, "spec", "metrics")).isEmpty(), "HPA has a metric");
    }

    static void ingress(Map<String, Map<String, Object>> k) {
        Map<String, Object> i = k.get("Ingress");
        Map<String, Object> a = map(at(i, "metadata", "annotations"));
        String body = str(a.get("nginx.ingress.kubernetes.io/proxy-body-size"));
        check(body != null && (body.equals("0") || body.endsWith("g")), "Ingress: body size in gigabytes (" + body + ")");
        check("off".equals(a.get("nginx.ingress.kubernetes.io/proxy-request-buffering")), "Ingress: uploads stream (no request buffering)");
        check("off".equals(a.get("nginx.ingress.kubernetes.io/proxy-buffering")), "Ingress: SSE not buffered");
        String read = str(a.get("nginx.ingress.kubernetes.io/proxy-read-timeout"));
        check(read != null && Integer.parseInt(read) >= 600, "Ingress: read timeout >= 10 min for SSE (" + read + ")");
        Map<String, Object> backend = map(at(map(list(at(map(list(at(i, "spec", "rules")).get(0)), "http", "paths")).get(0)), "backend", "service"));
        check(Objects.equals(backend.get("name"), at(k.get("Service"), "metadata", "name")), "Ingress routes to the Service");
        check(Objects.equals(at(backend, "port", "name"), "http"), "Ingress uses the Service's http port");
        check(!list(at(i, "spec", "tls")).isEmpty(), "Ingress terminates TLS");
    }

    static void config(Map<String, Map<String, Object>> k) {
        Map<String, Object> cm = map(k.get("ConfigMap").get("data"));
        for (String key : cm.keySet()) {
            check(!key.matches(".*(PASSWORD|SECRET|ACCESS_KEY).*"), "ConfigMap holds no credential: " + key);
        }
        check(cm.containsKey("OIDC_ISSUER_URI") && cm.containsKey("S3_ENDPOINT"), "ConfigMap: issuer and S3 endpoint");
        Map<String, Object> secret = map(k.get("Secret").get("stringData"));
        for (String key : List.of("DATABASE_URL", "DATABASE_PASSWORD", "S3_ACCESS_KEY", "S3_SECRET_KEY")) {
            check(secret.containsKey(key), "Secret: " + key);
        }
    }

    static void kustomization(Path dir, Map<String, Map<String, Object>> k, Map<String, String> fileOf) {
        List<Object> resources = list(k.get("Kustomization").get("resources"));
        for (Object r : resources) {
            check(Files.exists(dir.resolve(str(r))), "kustomization resource exists: " + r);
        }
        for (String kind : List.of("Deployment", "Service", "ConfigMap", "PodDisruptionBudget", "HorizontalPodAutoscaler", "Ingress")) {
            check(resources.contains(fileOf.get(kind)), "kustomization applies the " + kind);
        }
        check(!resources.contains(fileOf.get("Secret")), "kustomization does not apply the example Secret");
    }

    static void check(boolean ok, String what) {
        checks++;
        if (!ok) failures.add(what);
    }

    static Object at(Object root, String... path) {
        Object cur = root;
        for (String p : path) {
            if (!(cur instanceof Map<?, ?> m)) return null;
            cur = m.get(p);
        }
        return cur;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return o instanceof List<?> l ? (List<Object>) l : List.of();
    }

    static String str(Object o) {
        return o == null ? null : o.toString();
    }

    static int num(Object o) {
        return o instanceof Integer i ? i : -1;
    }
}
