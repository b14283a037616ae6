package dev.lanes.tools.drill;

/**
 * When a scenario's phases began, in epoch milliseconds: steady load from {@code start}, the fault
 * at {@code fault}, the repair at {@code heal}, production stopped at {@code end}. A task belongs
 * to the phase it was produced in.
 */
record Phases(long start, long fault, long heal, long end) {

  Phases {
    if (!(start <= fault && fault <= heal && heal <= end)) {
      throw new IllegalArgumentException(
          "phases out of order: start="
              + start
              + " fault="
              + fault
              + " heal="
              + heal
              + " end="
              + end);
    }
  }
}
