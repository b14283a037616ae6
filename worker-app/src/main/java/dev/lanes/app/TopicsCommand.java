package dev.lanes.app;

import dev.lanes.app.config.LanesConfig;
import dev.lanes.topics.ProvisioningReport;
import dev.lanes.topics.TopicCatalog;
import dev.lanes.topics.TopicCheck;
import dev.lanes.topics.TopicProvisioner;
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

  @Command(
      name = "apply",
      mixinStandardHelpOptions = true,
      description =
          "Creates missing topics (main, retry and dead-letter topics of every lane) and reports"
              + " drift; refuses a lane whose topics disagree on partition count.")
  static final class Apply implements Callable<Integer> {
    @ParentCommand TopicsCommand topics;
    @Mixin ClusterOptions cluster;

    @Override
    public Integer call() {
      LanesCommand lanes = topics.parent;
      LanesConfig config = cluster.load(lanes.env());
      String bootstrap = ClusterOptions.bootstrap(config, lanes.err());
      try (Admin admin = Provisioning.admin(ClusterOptions.clientProperties(config, bootstrap))) {
        TopicCatalog catalog =
            Provisioning.fitToCluster(
                config.catalog(), config.replicationFactor(), admin, lanes.err());
        ProvisioningReport report =
            new TopicProvisioner(admin, Provisioning.TIMEOUT).provisionLanes(catalog.lanes());
        lanes.out().println("lanes: " + report.summary());
        return report.hasDrift() ? ExitCodes.FAILED : ExitCodes.OK;
      }
    }
  }

  @Command(
      name = "describe",
      mixinStandardHelpOptions = true,
      description = "Shows which catalog topics are missing, which match and what drifted.")
  static final class Describe implements Callable<Integer> {
    @ParentCommand TopicsCommand topics;
    @Mixin ClusterOptions cluster;

    @Override
    public Integer call() {
      LanesCommand lanes = topics.parent;
      LanesConfig config = cluster.load(lanes.env());
      String bootstrap = ClusterOptions.bootstrap(config, lanes.err());
      try (Admin admin = Provisioning.admin(ClusterOptions.clientProperties(config, bootstrap))) {
        TopicCatalog catalog =
            Provisioning.fitToCluster(
                config.catalog(), config.replicationFactor(), admin, lanes.err());
        TopicCheck check = new TopicProvisioner(admin, Provisioning.TIMEOUT).check(catalog.lanes());
        lanes.out().println("lanes: " + check.summary());
        return check.matches() ? ExitCodes.OK : ExitCodes.FAILED;
      }
    }
  }
}
