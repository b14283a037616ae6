package dev.lanes.diagnostics;

import dev.lanes.Task;
import dev.lanes.TaskContext;
import dev.lanes.TaskHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs the payload: the one handler whose job is to show a payload, so it does at INFO. */
final class EchoHandler implements TaskHandler {

  private static final Logger log = LoggerFactory.getLogger(EchoHandler.class);

  @Override
  public void handle(Task task, TaskContext context) {
    log.info(
        "echo lane={} task={} at={} payload={}",
        context.lane(),
        task.id(),
        context.coordinates(),
        task.payload());
  }
}
