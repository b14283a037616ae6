package dev.lanes.app;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import picocli.CommandLine;

/**
 * Adds the {@link ToolCommand}s found on the class path under {@code lanes}, and for each tool that
 * is missing a stand-in that says where to find it, so {@code lanes demo} on a worker-only
 * installation explains itself instead of answering "Unmatched argument".
 */
final class ToolCommands {

  /**
   * The tools lanes-tools provides (the console among them, from lanes-console), in the order
   * {@code lanes --help} lists them.
   */
  static final List<String> NAMES =
      List.of("demo", "console", "broker", "fake-dependency", "bench");

  /** Where the tools are, for messages. */
  static final String WHERE =
      "it comes with the tools (module lanes-tools: ./lanes in a source checkout, java -jar"
          + " lanes-tools/target/lanes-tools.jar, or the image built with --target tools)";

  private ToolCommands() {}

  static void register(CommandLine lanes) {
    Map<String, ToolCommand> found = new LinkedHashMap<>();
    for (ToolCommand tool : ServiceLoader.load(ToolCommand.class)) {
      found.put(new CommandLine(tool).getCommandName(), tool);
    }
    for (String name : NAMES) {
      ToolCommand tool = found.remove(name);
      if (tool == null) {
        lanes.addSubcommand(name, new MissingToolCommand(name));
      } else {
        lanes.addSubcommand(tool);
      }
    }
    found.values().forEach(lanes::addSubcommand);
  }
}
