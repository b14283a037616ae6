package dev.lanes.diagnostics;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanes.InvalidTaskException;
import dev.lanes.NonRetryableException;
import dev.lanes.Task;
import dev.lanes.TaskContext;
import org.junit.jupiter.api.Test;

class FailHandlerTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void failsTheFirstAttemptsThenSucceeds() throws Exception {
    FailHandler handler = new FailHandler(() -> 0.0);
    Task task = task("{\"failAttempts\":2}");

    assertThatThrownBy(() -> handler.handle(task, attempt(1)))
        .isInstanceOf(DiagnosticFailure.class)
        .hasMessageContaining("attempt 1");
    assertThatThrownBy(() -> handler.handle(task, attempt(2)))
        .isInstanceOf(DiagnosticFailure.class);
    assertThatCode(() -> handler.handle(task, attempt(3))).doesNotThrowAnyException();
  }

  @Test
  void defaultsToTwoFailingAttempts() throws Exception {
    FailHandler handler = new FailHandler(() -> 0.0);
    Task task = task("{}");

    assertThatThrownBy(() -> handler.handle(task, attempt(2)))
        .isInstanceOf(DiagnosticFailure.class);
    assertThatCode(() -> handler.handle(task, attempt(3))).doesNotThrowAnyException();
  }

  @Test
  void minusOneFailsEveryAttempt() throws Exception {
    FailHandler handler = new FailHandler(() -> 0.0);

    assertThatThrownBy(() -> handler.handle(task("{\"failAttempts\":-1}"), attempt(1000)))
        .isInstanceOf(DiagnosticFailure.class);
  }

  @Test
  void fatalMarksTheFailureNotRetryable() throws Exception {
    FailHandler handler = new FailHandler(() -> 0.0);

    assertThatThrownBy(() -> handler.handle(task("{\"fatal\":true}"), attempt(1)))
        .isExactlyInstanceOf(NonRetryableException.class);
  }

  @Test
  void probabilityDecidesWhetherAFailingAttemptFails() throws Exception {
    Task task = task("{\"failAttempts\":-1,\"probability\":0.3}");

    assertThatThrownBy(() -> new FailHandler(() -> 0.29).handle(task, attempt(1)))
        .isInstanceOf(DiagnosticFailure.class);
    assertThatCode(() -> new FailHandler(() -> 0.3).handle(task, attempt(1)))
        .doesNotThrowAnyException();
  }

  @Test
  void badPayloadIsAnInvalidTaskNamingTheField() throws Exception {
    FailHandler handler = new FailHandler(() -> 0.0);

    assertThatThrownBy(() -> handler.handle(task("{\"probability\":2}"), attempt(1)))
        .isInstanceOf(InvalidTaskException.class)
        .hasMessageContaining("probability must be a number in [0, 1], was 2");
    assertThatThrownBy(() -> handler.handle(task("{\"failAttempts\":-2}"), attempt(1)))
        .isInstanceOf(InvalidTaskException.class)
        .hasMessageContaining("failAttempts");
  }

  private static Task task(String payload) throws Exception {
    return Task.create(DiagnosticHandlers.FAIL, JSON.readTree(payload));
  }

  private static TaskContext attempt(int attempt) {
    return new TaskContext("batch", attempt, "tasks.batch", 0, 0, null);
  }
}
