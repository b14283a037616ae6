package dev.lanes.tools.drill;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lanes status} against a running fleet of {@code lanes run} workers: it lists every worker,
 * the lane and the dependency; it exits 1 while the dependency is down; a SIGKILLed worker (no
 * tombstone) drops out once its report is three intervals old. Each screen is printed, so the build
 * log holds a real one for the README.
 */
@Tag("drill")
class FleetStatusDrillIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  // The workers' default publishing interval; a report three intervals old is gone.
  private static final Duration INTERVAL = Duration.ofSeconds(5);

  @TempDir Path dir;
  private int runs;

  @Test
  void statusShowsTheFleetItsOutageAndForgetsAKilledWorker() {
    DrillLane lane = DrillLane.named("fleet-status").withBreaker(3, 2_000);
    try (DrillRig rig = DrillRig.start(dir, lane)) {
      rig.producer().startSteady(30);
      rig.startWorker(List.of("--worker-id", "status-1"), Map.of());
      LanesProcess second = rig.startWorker(List.of("--worker-id", "status-2"), Map.of());
      rig.awaitProgress(100, Duration.ofMinutes(2));

      Status healthy = await(rig, s -> s.exit == 0 && s.workers().size() == 2, "2 workers, ok");
      assertThat(healthy.workers()).containsExactlyInAnyOrder("status-1", "status-2");
      JsonNode laneRow = healthy.lane("fleet-status");
      assertThat(laneRow.get("live_workers").asInt()).isEqualTo(2);
      assertThat(laneRow.get("partitions").asInt()).isPositive();
      assertThat(healthy.json.get("healthy").asBoolean()).isTrue();
      System.out.println(
          "lanes status (healthy):\n" + rig.runCli("status-screen", "status").output());

      rig.dependency().failWith(503, 1.0);
      rig.note("dependency down");
      Status outage =
          await(rig, s -> s.exit == 1 && "OPEN".equals(s.dependencyState("http")), "http OPEN");
      assertThat(outage.json.get("problems").toString()).contains("http");
      System.out.println(
          "lanes status (outage):\n" + rig.runCli("status-screen", "status").output());
      rig.dependency().recover();
      rig.note("dependency healed");
      await(rig, s -> s.exit == 0, "healthy again");

      second.kill();
      long killed = System.nanoTime();
      rig.note("killed status-2");
      await(rig, s -> s.workers().equals(List.of("status-1")), "status-2 gone");
      Duration gone = Duration.ofNanos(System.nanoTime() - killed);
      System.out.printf(
          "drill=fleet-status killed-worker-gone-after=%.1fs interval=%ds%n",
          gone.toMillis() / 1000.0, INTERVAL.toSeconds());
      // Its last report was at most one interval old when it died, and it goes at three. Each
      // reading is a `lanes status` JVM of its own (2-4 s here under load), hence the upper margin.
      assertThat(gone)
          .isBetween(INTERVAL.multipliedBy(2).minusSeconds(1), INTERVAL.multipliedBy(5));

      // The survivor takes over the killed worker's partitions after the session timeout (10 s);
      // a report taken before it has worked them off would count its backlog as lost.
      rig.producer().stopSteady();
      rig.awaitAllDone(Duration.ofMinutes(2));
      DrillReport report = rig.finish(lane.name());
      assertThat(report.lost()).as(report.toString()).isEmpty();
    }
  }

  private record Status(int exit, JsonNode json) {
    List<String> workers() {
      List<String> ids = new ArrayList<>();
      json.path("workers").forEach(worker -> ids.add(worker.get("worker_id").asText()));
      return ids;
    }

    JsonNode lane(String name) {
      for (JsonNode lane : json.path("lanes")) {
        if (lane.get("lane").asText().equals(name)) {
          return lane;
        }
      }
      throw new AssertionError("no lane " + name + " in " + json);
    }

    String dependencyState(String name) {
      for (JsonNode dependency : json.path("dependencies")) {
        if (dependency.get("name").asText().equals(name)) {
          return dependency.get("state").asText();
        }
      }
      return null;
    }
  }

  private Status await(DrillRig rig, Predicate<Status> condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    Status last = null;
    while (System.nanoTime() < deadline) {
      last = status(rig);
      if (condition.test(last)) {
        return last;
      }
      LanesProcess.sleep(Duration.ofMillis(500));
    }
    throw new AssertionError("lanes status never showed " + what + "; last: " + last);
  }

  private Status status(DrillRig rig) {
    DrillRig.CliResult result = rig.runCli("status-" + ++runs, "status", "--json");
    String document =
        result.output().lines().filter(line -> line.startsWith("{")).reduce((a, b) -> b).orElse("");
    try {
      return new Status(result.exit(), JSON.readTree(document.isEmpty() ? "{}" : document));
    } catch (IOException e) {
      throw new UncheckedIOException("lanes status printed no JSON: " + result.output(), e);
    }
  }
}
