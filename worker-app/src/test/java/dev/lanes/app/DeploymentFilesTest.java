package dev.lanes.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanes.LanesRuntime;
import dev.lanes.app.config.LanesConfig;
import dev.lanes.app.http.HealthServer;
import dev.lanes.diagnostics.DiagnosticHandlers;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;

/**
 * What ships as configuration is checked like code: the compose file and the Kubernetes manifests
 * parse, every command they run is a real {@code lanes} command with real flags, ports and lanes
 * agree with the config they mount, and every metric the dashboard and the autoscaler query is one
 * the app really exports. (No Docker or Kubernetes here: these checks are static.)
 */
class DeploymentFilesTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern LANES_METRIC = Pattern.compile("\\blanes_[a-z_]+");
  private static final Pattern URL_PORT_PATH = Pattern.compile("localhost:(\\d+)(/[a-z/]+)");

  private static final String NAMESPACE = "lanes";

  // What `lanes run` may take before it gives up by itself: counting the brokers and provisioning
  // (Provisioning.TIMEOUT each) plus the runtime's 30 s topic layout check. A startup probe
  // shorter than that kills a start the app would have finished or explained.
  private static final long APP_START_WORST_CASE_S = 2 * Provisioning.TIMEOUT.toSeconds() + 30;
  // The lane's 30 s drain plus up to 45 s to commit and leave the group.
  private static final int APP_STOP_WORST_CASE_S = 75;

  private static Set<String> exportedMetrics;

  @BeforeAll
  static void scrapeWhatTheAppExports() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    LanesConfig config = LanesConfig.defaults();
    LanesRuntime.Builder builder =
        LanesRuntime.builder()
            // Never started: the meters exist from construction; nothing connects.
            .bootstrapServers("127.0.0.1:1")
            .handlers(DiagnosticHandlers.registry())
            .meterRegistry(registry);
    config.dependencies().forEach(builder::dependency);
    config.laneConfigs(config.catalog()).forEach(builder::lane);
    try (LanesRuntime runtime = builder.build()) {
      exportedMetrics = new HashSet<>();
      for (String line : registry.scrape().split("\n")) {
        if (!line.startsWith("#") && !line.isBlank()) {
          exportedMetrics.add(line.split("[{ ]", 2)[0]);
        }
      }
    }
    assertThat(exportedMetrics).contains("lanes_consumer_lag_active", "lanes_tasks_total");
  }

  @Test
  void composeRunsRealCommandsOnThreeRackAwareBrokersWithSeparateWorkerServices()
      throws IOException {
    JsonNode services = yaml(ROOT.resolve("docker-compose.yml")).get("services");
    assertThat(services).as("docker-compose.yml services").isNotNull();
    Set<String> racks = new HashSet<>();
    for (String broker : List.of("kafka-1", "kafka-2", "kafka-3")) {
      JsonNode env = services.get(broker).get("environment");
      racks.add(env.get("KAFKA_BROKER_RACK").asText());
      assertThat(env.get("KAFKA_REPLICA_SELECTOR_CLASS").asText())
          .as("follower fetching on " + broker)
          .endsWith("RackAwareReplicaSelector");
    }
    assertThat(racks).containsExactlyInAnyOrder("zone-a", "zone-b", "zone-c");

    LanesConfig config = LanesConfig.load(ROOT.resolve("deploy/compose/lanes.yaml"));
    assertThat(config.replicationFactor()).isEqualTo(3);
    assertThat(config.minInsyncReplicas()).isEqualTo(2);
    assertLanesCommand(services.get("topics").get("command"), "topics");
    assertLanesCommand(services.get("fake-dependency").get("command"), "fake-dependency");
    Set<String> workerIds = new HashSet<>();
    for (String lane : List.of("realtime", "batch")) {
      JsonNode worker = services.get("worker-" + lane);
      List<String> command = assertLanesCommand(worker.get("command"), "run");
      assertThat(command).containsSequence("--lanes", lane);
      assertThat(config.laneNames()).contains(lane);
      assertThat(worker.get("environment").get("LANES_KAFKA_CLIENT_RACK").asText())
          .startsWith("zone-");
      workerIds.add(worker.get("environment").path("LANES_WORKER_ID").asText());
      String healthcheck = worker.get("healthcheck").get("test").toString();
      Matcher url = URL_PORT_PATH.matcher(healthcheck);
      assertThat(url.find()).as(healthcheck).isTrue();
      assertThat(Integer.parseInt(url.group(1))).isEqualTo(config.httpPort());
      assertThat(url.group(2)).isEqualTo(HealthServer.READY_PATH);
    }
    assertThat(workerIds)
        .as("every worker service has a worker id of its own: static group membership")
        .containsExactlyInAnyOrder("worker-realtime", "worker-batch");
  }

  @Test
  void prometheusScrapesTheWorkersAndTheDashboardQueriesExportedMetrics() throws IOException {
    String scrape = Files.readString(ROOT.resolve("deploy/compose/prometheus.yml"));
    assertThat(scrape).contains("worker-realtime:8080").contains("worker-batch:8080");
    List<String> expressions = new ArrayList<>();
    collectField(
        JSON.readTree(ROOT.resolve("deploy/compose/grafana/dashboards/lanes.json").toFile()),
        "expr",
        expressions);
    assertThat(expressions).as("dashboard queries").hasSizeGreaterThanOrEqualTo(6);
    assertMetricsExported(expressions);
  }

  @Test
  void kubernetesDeploymentsRunRealCommandsWithProbesOnTheConfiguredPort() throws IOException {
    Path k8s = ROOT.resolve("deploy/k8s");
    JsonNode configMap = yaml(k8s.resolve("configmap.yaml"));
    LanesConfig config =
        LanesConfig.fromYaml(configMap.get("data").get("lanes.yaml").asText(), "configmap.yaml");
    assertLanesCommand(jobContainer(yaml(k8s.resolve("topics-job.yaml"))).get("args"), "topics");
    for (String lane : List.of("realtime", "batch")) {
      JsonNode workload = yaml(k8s.resolve("statefulset-" + lane + ".yaml"));
      assertThat(workload.get("kind").asText()).isEqualTo("StatefulSet");
      assertThat(workload.get("spec").get("serviceName").asText())
          .as("a StatefulSet's service exists")
          .isEqualTo(
              yaml(k8s.resolve("service-" + lane + ".yaml")).get("metadata").get("name").asText());
      JsonNode pod = workload.get("spec").get("template").get("spec");
      JsonNode container = pod.get("containers").get(0);
      assertThat(
              envVariable(container, "LANES_WORKER_ID")
                  .at("/valueFrom/fieldRef/fieldPath")
                  .asText())
          .as("the stable pod name is the worker id: static group membership")
          .isEqualTo("metadata.name");
      List<String> args = assertLanesCommand(container.get("args"), "run");
      assertThat(args).containsSequence("--lanes", lane);
      assertThat(container.get("ports").get(0).get("containerPort").asInt())
          .isEqualTo(config.httpPort());
      assertThat(container.get("livenessProbe").get("httpGet").get("path").asText())
          .isEqualTo(HealthServer.LIVE_PATH);
      assertThat(container.get("readinessProbe").get("httpGet").get("path").asText())
          .isEqualTo(HealthServer.READY_PATH);
      assertThat(pod.get("terminationGracePeriodSeconds").asInt())
          .as("covers the drain (30 s) and leaving the group")
          .isGreaterThanOrEqualTo(45);
      assertThat(pod.get("topologySpreadConstraints").toString())
          .contains("topology.kubernetes.io/zone");
      assertThat(yaml(k8s.resolve("pdb-" + lane + ".yaml")).get("kind").asText())
          .isEqualTo("PodDisruptionBudget");

      JsonNode scaled = yaml(k8s.resolve("keda/scaledobject-" + lane + ".yaml"));
      assertThat(scaled.at("/spec/scaleTargetRef/kind").asText()).isEqualTo("StatefulSet");
      assertThat(scaled.at("/spec/scaleTargetRef/name").asText())
          .isEqualTo(workload.get("metadata").get("name").asText());
      assertThat(scaled.get("spec").get("maxReplicaCount").asInt())
          .as("no more consumers than partitions")
          .isEqualTo(config.lane(lane).partitions());
      JsonNode trigger = scaled.get("spec").get("triggers").get(0).get("metadata");
      String query = trigger.get("query").asText();
      assertThat(query)
          .contains("lanes_consumer_lag_active")
          .contains("lane=\"" + lane + "\"")
          .contains("namespace=\"" + NAMESPACE + "\"");
      assertMetricsExported(List.of(query));
      assertThat(trigger.get("ignoreNullValues").asText())
          .as("a lost scrape must not read as zero lag")
          .isEqualTo("false");
    }
  }

  @Test
  void kubernetesPodsGetNoServiceLinksAndKeepTheImagesJvmOptions() throws IOException {
    Path k8s = ROOT.resolve("deploy/k8s");
    List<JsonNode> pods = new ArrayList<>();
    for (String lane : List.of("realtime", "batch")) {
      pods.add(yaml(k8s.resolve("statefulset-" + lane + ".yaml")).get("spec").get("template"));
    }
    pods.add(yaml(k8s.resolve("topics-job.yaml")).get("spec").get("template"));
    String imageOptions = dockerfileJavaToolOptions();
    assertThat(imageOptions).contains("-XX:+ExitOnOutOfMemoryError");
    for (JsonNode pod : pods) {
      JsonNode spec = pod.get("spec");
      assertThat(
              spec.path("enableServiceLinks").isBoolean()
                  && !spec.path("enableServiceLinks").asBoolean())
          .as("enableServiceLinks: false in " + pod.get("metadata").get("labels"))
          .isTrue();
      for (JsonNode env : spec.get("containers").get(0).path("env")) {
        if (env.get("name").asText().equals("JAVA_TOOL_OPTIONS")) {
          // It replaces the image's value: every image option but the heap size must be repeated.
          assertThat(env.get("value").asText()).contains("-XX:+ExitOnOutOfMemoryError");
        }
      }
    }
  }

  @Test
  void kubernetesStartupBudgetOutlastsTheAppsTimeoutsAndGraceOutlastsItsDrain() throws IOException {
    for (String lane : List.of("realtime", "batch")) {
      JsonNode pod =
          yaml(ROOT.resolve("deploy/k8s/statefulset-" + lane + ".yaml"))
              .get("spec")
              .get("template")
              .get("spec");
      JsonNode startup = pod.get("containers").get(0).get("startupProbe");
      long budget =
          startup.get("periodSeconds").asLong() * startup.get("failureThreshold").asLong();
      assertThat(budget)
          .as("startup probe budget of " + lane + " (s)")
          .isGreaterThan(APP_START_WORST_CASE_S);
      assertThat(pod.get("terminationGracePeriodSeconds").asInt())
          .as("grace of " + lane + " must exceed the drain's worst case with headroom")
          .isGreaterThan(APP_STOP_WORST_CASE_S);
    }
  }

  @Test
  void kubernetesTopDirectoryAppliesWithoutCustomResourceDefinitions() throws IOException {
    try (Stream<Path> files = Files.list(ROOT.resolve("deploy/k8s"))) {
      for (Path manifest : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        String apiVersion = yaml(manifest).get("apiVersion").asText();
        assertThat(apiVersion)
            .as("`kubectl apply -f deploy/k8s/` must not need a CRD: " + manifest.getFileName())
            .doesNotContain("keda.sh")
            .doesNotContain("monitoring.coreos.com");
      }
    }
    JsonNode podMonitor = yaml(ROOT.resolve("deploy/k8s/monitoring/podmonitor.yaml"));
    assertThat(podMonitor.get("kind").asText()).isEqualTo("PodMonitor");
    assertThat(podMonitor.get("metadata").get("namespace").asText()).isEqualTo(NAMESPACE);
    JsonNode workerLabels =
        yaml(ROOT.resolve("deploy/k8s/statefulset-realtime.yaml"))
            .get("spec")
            .get("template")
            .get("metadata")
            .get("labels");
    podMonitor
        .get("spec")
        .get("selector")
        .get("matchLabels")
        .properties()
        .forEach(
            label ->
                assertThat(workerLabels.path(label.getKey()).asText())
                    .as("PodMonitor selects the workers by " + label.getKey())
                    .isEqualTo(label.getValue().asText()));
    JsonNode endpoint = podMonitor.get("spec").get("podMetricsEndpoints").get(0);
    assertThat(endpoint.get("port").asText()).isEqualTo("http");
    assertThat(endpoint.get("path").asText()).isEqualTo("/metrics");
  }

  @Test
  void composeBuildsTheImageOnceAndSetsEachLimitOnce() throws IOException {
    JsonNode services = yaml(ROOT.resolve("docker-compose.yml")).get("services");
    List<String> builders = new ArrayList<>();
    for (Map.Entry<String, JsonNode> service : services.properties()) {
      JsonNode definition = service.getValue();
      if (!definition.path("image").asText().startsWith("lanes:")) {
        continue;
      }
      if (definition.has("build")) {
        builders.add(service.getKey());
      } else {
        assertThat(definition.path("pull_policy").asText())
            .as(service.getKey() + " uses the image built by another service")
            .isEqualTo("never");
      }
      assertThat(definition.has("cpus") || definition.has("mem_limit"))
          .as(service.getKey() + ": limits belong in deploy.resources only")
          .isFalse();
    }
    assertThat(builders).as("services that build lanes:latest").hasSize(1);
  }

  @Test
  void composeBrokersHaveABoundedHeapAndWorkersAGraceAboveTheirDrain() throws IOException {
    JsonNode services = yaml(ROOT.resolve("docker-compose.yml")).get("services");
    for (String broker : List.of("kafka-1", "kafka-2", "kafka-3")) {
      assertThat(services.get(broker).get("environment").path("KAFKA_HEAP_OPTS").asText())
          .as(broker + " heap (Kafka's default is 1 GB each)")
          .contains("-Xmx");
    }
    for (String worker : List.of("worker-realtime", "worker-batch")) {
      String grace = services.get(worker).get("stop_grace_period").asText();
      assertThat(grace).as(worker).matches("\\d+s");
      assertThat(Integer.parseInt(grace.replace("s", "")))
          .as(worker + " stop grace must exceed the drain's worst case with headroom")
          .isGreaterThan(APP_STOP_WORST_CASE_S);
    }
  }

  @Test
  void filesNamedInTheComposeFileExist() throws IOException {
    Matcher path =
        Pattern.compile(
                "(?<![\\w./])(?:\\./)?((?:deploy|docs)/[\\w./-]+\\.[a-z]+|[A-Z][\\w.-]*\\.md)")
            .matcher(Files.readString(ROOT.resolve("docker-compose.yml")));
    int found = 0;
    while (path.find()) {
      found++;
      assertThat(ROOT.resolve(path.group(1))).as("named in docker-compose.yml").exists();
    }
    assertThat(found).as("paths named in docker-compose.yml").isGreaterThanOrEqualTo(3);
  }

  @Test
  void everyKubernetesFileParses() throws IOException {
    try (Stream<Path> files = Files.walk(ROOT.resolve("deploy/k8s"))) {
      List<Path> manifests = files.filter(f -> f.toString().endsWith(".yaml")).toList();
      assertThat(manifests).hasSizeGreaterThanOrEqualTo(11);
      for (Path manifest : manifests) {
        JsonNode object = yaml(manifest);
        assertThat(object.has("apiVersion") && object.has("kind")).as(manifest.toString()).isTrue();
      }
    }
  }

  @Test
  void dockerfileCopiesEveryModulesPomSoTheReactorCanBeRead() throws IOException {
    // Maven reads every <module> of the root pom, even with -pl: one missing breaks the image.
    String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
    Matcher module =
        Pattern.compile("<module>([^<]+)</module>")
            .matcher(Files.readString(ROOT.resolve("pom.xml")));
    List<String> modules = new ArrayList<>();
    while (module.find()) {
      modules.add(module.group(1));
    }
    assertThat(modules).contains("worker-app", "lanes-tools", "console");
    for (String name : modules) {
      assertThat(dockerfile)
          .as("Dockerfile copies %s/pom.xml", name)
          .contains("COPY " + name + "/pom.xml " + name + "/");
    }
  }

  private static String dockerfileJavaToolOptions() throws IOException {
    Matcher env =
        Pattern.compile("ENV JAVA_TOOL_OPTIONS=\"([^\"]*)\"")
            .matcher(Files.readString(ROOT.resolve("Dockerfile")));
    assertThat(env.find()).as("Dockerfile sets JAVA_TOOL_OPTIONS").isTrue();
    return env.group(1);
  }

  private static void assertMetricsExported(List<String> expressions) {
    for (String expression : expressions) {
      Matcher metric = LANES_METRIC.matcher(expression);
      while (metric.find()) {
        assertThat(exportedMetrics).as("metric in: " + expression).contains(metric.group());
      }
    }
  }

  /** Parses a command array as the lanes CLI would; returns it. */
  private static List<String> assertLanesCommand(JsonNode command, String subcommand) {
    assertThat(command).as("command").isNotNull();
    List<String> args = new ArrayList<>();
    command.forEach(arg -> args.add(arg.asText()));
    assertThat(args).as("command").startsWith(subcommand);
    PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    // The worker's commands in full; a tool (fake-dependency) is parsed by lanes-tools' own test.
    CommandLine cli = LanesCommand.commandLine(sink, sink, Map.of());
    assertThatCode(() -> cli.parseArgs(args.toArray(String[]::new)))
        .as("lanes " + String.join(" ", args))
        .doesNotThrowAnyException();
    return args;
  }

  /** The container's variable {@code name}; fails the test when it has none. */
  private static JsonNode envVariable(JsonNode container, String name) {
    for (JsonNode env : container.path("env")) {
      if (env.get("name").asText().equals(name)) {
        return env;
      }
    }
    throw new AssertionError("no " + name + " in " + container.path("env"));
  }

  private static JsonNode jobContainer(JsonNode job) {
    return job.get("spec").get("template").get("spec").get("containers").get(0);
  }

  /** SnakeYAML reads the file: unlike Jackson's YAML parser it applies merge keys ({@code <<}). */
  private static JsonNode yaml(Path file) throws IOException {
    try (Reader reader = Files.newBufferedReader(file)) {
      Object document = new Yaml().load(reader);
      return JSON.valueToTree(document);
    }
  }

  private static void collectField(JsonNode node, String field, List<String> into) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> entry : node.properties()) {
        if (entry.getKey().equals(field) && entry.getValue().isTextual()) {
          into.add(entry.getValue().asText());
        } else {
          collectField(entry.getValue(), field, into);
        }
      }
    } else if (node.isArray()) {
      node.forEach(child -> collectField(child, field, into));
    }
  }
}
