package dev.lanes.app;

import java.io.PrintStream;
import java.util.Map;

/**
 * What every {@code lanes} subcommand prints to and reads its {@code LANES_*} variables from: the
 * top command's streams and environment, so tests can run a command line without a real console. A
 * {@link ToolCommand} gets it as its {@code @ParentCommand}.
 */
public interface CommandConsole {

  PrintStream out();

  PrintStream err();

  /** The environment the command reads LANES_* variables from. */
  Map<String, String> env();
}
