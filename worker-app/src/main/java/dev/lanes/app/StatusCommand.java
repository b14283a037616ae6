package dev.lanes.app;

import dev.lanes.LaneConfig;
import dev.lanes.app.config.LanesConfig;
import dev.lanes.app.status.FleetState;
import dev.lanes.app.status.FleetStatus;
import dev.lanes.app.status.FleetSurvey;
import dev.lanes.app.status.FleetTopicReader;
import dev.lanes.app.status.LagProbe;
import dev.lanes.app.status.StatusJson;
import dev.lanes.app.status.StatusScreen;
import dev.lanes.topics.TopicNames;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lanes status}: the fleet as the fleet topics and the admin API show it. It reads nothing a
 * worker serves itself, so it works from any machine that reaches the cluster.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Shows the fleet: live workers, each lane's lag, in-flight tasks, throughput and recent dead"
          + " letters, and each dependency's shared breaker state.",
      "Exits 0 when all is well, 1 when a dependency is open or half-open or a lane has no live"
          + " worker (the problems are listed), or when the fleet cannot be read."
    })
final class StatusCommand implements Callable<Integer> {

  static final Duration WATCH_EVERY = Duration.ofSeconds(2);
  // Home the cursor and clear the screen, so --watch redraws in place.
  private static final String CLEAR_SCREEN = "\033[H\033[2J";

  @ParentCommand LanesCommand parent;
  @Mixin ClusterOptions cluster;
  @Mixin TimeoutOption timeout;

  @Option(names = "--watch", description = "Redraw every 2s until Ctrl-C.")
  boolean watch;

  @Option(
      names = "--json",
      description = "One JSON document (with --watch, one per line), for scripts.")
  boolean json;

  @Override
  public Integer call() throws InterruptedException {
    LanesConfig config = cluster.load(parent.env());
    String bootstrap = ClusterOptions.bootstrap(config, parent.err());
    Map<String, Object> client =
        timeout.applyTo(ClusterOptions.clientProperties(config, bootstrap));
    ClusterReach.requireTopic(client, bootstrap, timeout.value(), TopicNames.FLEET);
    ClusterReach.requireTopic(client, bootstrap, timeout.value(), TopicNames.DEPENDENCIES);
    List<LaneConfig> catalogLanes = config.laneConfigs(config.catalog());
    PrintStream out = parent.out();
    boolean terminal = System.console() != null && out == System.out;
    Clock clock = Clock.systemUTC();
    try (Admin admin = Provisioning.admin(client);
        FleetTopicReader reader = FleetTopicReader.open(client, parent.err(), timeout.value())) {
      FleetSurvey survey = new FleetSurvey(catalogLanes, new LagProbe(admin, timeout.value()));
      for (int screen = 0; ; screen++) {
        FleetState fleet = reader.read();
        Instant now = clock.instant();
        FleetStatus status = survey.take(fleet, now).status();
        if (json) {
          out.println(StatusJson.document(status));
        } else {
          if (watch && terminal) {
            out.print(CLEAR_SCREEN);
          } else if (screen > 0) {
            out.println();
          }
          StatusScreen.lines(status, now).forEach(out::println);
        }
        out.flush();
        if (!watch) {
          return status.healthy() ? ExitCodes.OK : ExitCodes.FAILED;
        }
        Thread.sleep(WATCH_EVERY.toMillis());
      }
    }
  }
}
