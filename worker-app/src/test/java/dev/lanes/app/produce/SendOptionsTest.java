package dev.lanes.app.produce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.lanes.Task;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SendOptionsTest {

  private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
  private static final Task TASK = Task.create("sleep", JsonNodeFactory.instance.objectNode());

  @Test
  void withoutDeadlineAfterTasksAreSentAsTheyAre() {
    assertThat(SendOptions.defaults().stamp(TASK, NOW)).isSameAs(TASK);
  }

  @Test
  void deadlineAfterSetsTheDeadlineToSendTimePlusTheDuration() {
    SendOptions options = SendOptions.defaults().withDeadlineAfter(Duration.ofSeconds(30));

    assertThat(options.stamp(TASK, NOW).deadline()).isEqualTo(NOW.plusSeconds(30));
  }

  @Test
  void aTasksOwnDeadlineWins() {
    Task own = TASK.withDeadline(NOW.plusSeconds(5));

    assertThat(SendOptions.defaults().withDeadlineAfter(Duration.ofMinutes(1)).stamp(own, NOW))
        .isSameAs(own);
  }

  @Test
  void aDeadlineAfterThatIsNotPositiveIsRefusedNamingTheValue() {
    assertThatThrownBy(() -> SendOptions.defaults().withDeadlineAfter(Duration.ZERO))
        .hasMessage("deadlineAfter must be > 0, was PT0S");
  }
}
