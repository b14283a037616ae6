package dev.lanes;

/**
 * Handles the tasks of one type. Implementations are called from a lane's worker threads,
 * concurrently for different tasks, so they must be thread-safe.
 *
 * <p>Returning normally means the task is done. Throwing means it failed: a {@link
 * NonRetryableException} (such as {@link InvalidTaskException}) marks a failure that retrying
 * cannot fix; a {@link RetryLaterException} asks for a retry after a given delay; any other
 * exception is treated as transient.
 */
@FunctionalInterface
public interface TaskHandler {

  void handle(Task task, TaskContext context) throws Exception;
}
