package dev.lanes.diagnostics;

import dev.lanes.Task;
import dev.lanes.TaskContext;
import dev.lanes.TaskHandler;

/**
 * {@code {"ms": 20}}: blocks its worker thread for {@code ms} milliseconds, the way a call to a
 * slow dependency would.
 */
final class SleepHandler implements TaskHandler {

  static final long DEFAULT_MS = 20;

  @Override
  public void handle(Task task, TaskContext context) throws InterruptedException {
    Thread.sleep(PayloadFields.longField(task.payload(), "ms", DEFAULT_MS, 0));
  }
}
