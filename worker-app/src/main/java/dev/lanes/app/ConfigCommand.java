package dev.lanes.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code lanes config show}: the effective configuration, secrets masked. */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = "Shows the effective configuration.",
    subcommands = {ConfigCommand.Show.class})
final class ConfigCommand {

  @ParentCommand LanesCommand parent;

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description =
          "Prints the configuration in effect (file or defaults, then LANES_* variables, then"
              + " flags) as YAML; passwords, keys and JAAS settings show as ******.")
  static final class Show implements Callable<Integer> {
    @ParentCommand ConfigCommand config;
    @Mixin ClusterOptions cluster;

    @Override
    public Integer call() {
      LanesCommand lanes = config.parent;
      lanes.out().print(cluster.load(lanes.env()).render());
      return ExitCodes.OK;
    }
  }
}
