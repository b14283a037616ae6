package dev.lanes.app;

import dev.lanes.app.config.LanesConfig;
import dev.lanes.topics.ProvisioningReport;
import dev.lanes.topics.TopicCatalog;
import dev.lanes.topics.TopicCheck;
import dev.lanes.topics.TopicProvisioner;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code lanes topics apply|describe}: the catalog's topics on the cluster. */
@Command(
    name = "topics",
    mixinStandardHelpOptions = true,
    description = "Creates the lanes' topics from the catalog, or shows how the cluster differs.",
    subcommands = {TopicsCommand.Apply.class, TopicsCommand.Describe.class})
final class TopicsCommand {

  @ParentCommand LanesCommand parent;

  /** What a topics subcommand does with the cluster and the catalog fitted to it. */
  @FunctionalInterface
  interface TopicsAction {
    int run(Admin admin, TopicCatalog catalog, PrintStream out);
  }

  int withCatalog(ClusterOptions cluster, TimeoutOption timeout, TopicsAction action) {
    LanesConfig config = cluster.load(parent.env());
    String bootstrap = ClusterOptions.bootstrap(config, parent.err());
    Map<String, Object> client =
        timeout.applyTo(ClusterOptions.clientProperties(config, bootstrap));
    ClusterReach.require(client, bootstrap, timeout.value());
    try (Admin admin = Provisioning.admin(client)) {
      TopicCatalog catalog =
          Provisioning.fitToCluster(
              config.catalog(), config.replicationFactor(), admin, parent.err());
      return action.run(admin, catalog, parent.out());
    }
  }

  @Command(
      name = "apply",
      mixinStandardHelpOptions = true,
      description =
          "Creates missing topics (main, retry and dead-letter topics of every lane, and the"
              + " fleet's lanes.fleet and lanes.dependencies) and reports drift; refuses a lane"
              + " whose topics disagree on partition count.")
  static final class Apply implements Callable<Integer> {
    @ParentCommand TopicsCommand topics;
    @Mixin ClusterOptions cluster;
    @Mixin TimeoutOption timeout;

    @Override
    public Integer call() {
      return topics.withCatalog(
          cluster,
          timeout,
          (admin, catalog, out) -> {
            ProvisioningReport report =
                new TopicProvisioner(admin, Provisioning.TIMEOUT).provisionCatalog(catalog);
            out.println("lanes: " + report.summary());
            return report.hasDrift() ? ExitCodes.FAILED : ExitCodes.OK;
          });
    }
  }

  @Command(
      name = "describe",
      mixinStandardHelpOptions = true,
      description = "Shows which catalog topics are missing, which match and what drifted.")
  static final class Describe implements Callable<Integer> {
    @ParentCommand TopicsCommand topics;
    @Mixin ClusterOptions cluster;
    @Mixin TimeoutOption timeout;

    @Override
    public Integer call() {
      return topics.withCatalog(
          cluster,
          timeout,
          (admin, catalog, out) -> {
            TopicCheck check = new TopicProvisioner(admin, Provisioning.TIMEOUT).check(catalog);
            out.println("lanes: " + check.summary());
            return check.matches() ? ExitCodes.OK : ExitCodes.FAILED;
          });
    }
  }
}
