package dev.lanes.app;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** Stands in for a {@link ToolCommand} this installation lacks: says where it is, exits 2. */
@Command(description = "(not installed: in lanes-tools)")
final class MissingToolCommand implements Callable<Integer> {

  private final String name;

  // Any arguments: the answer is the same whatever options the tool would have taken.
  @Unmatched private List<String> arguments;

  MissingToolCommand(String name) {
    this.name = name;
  }

  @Override
  public Integer call() {
    throw new UsageException(
        "'" + name + "' is not part of this worker distribution: " + ToolCommands.WHERE);
  }
}
