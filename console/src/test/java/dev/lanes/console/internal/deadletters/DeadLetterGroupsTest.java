package dev.lanes.console.internal.deadletters;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.app.dlt.DeadLetter;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class DeadLetterGroupsTest {

  private static DeadLetter exhausted(Throwable error) {
    return DeadLetterSeeds.task("tasks.g", "t", "charge").exhausted(4, error).toDeadLetter(0);
  }

  private static DeadLetter fatal(String reason, Throwable error) {
    return DeadLetterSeeds.task("tasks.g", "t", "charge").fatal(reason, error).toDeadLetter(0);
  }

  @Test
  void countsPerReasonAndErrorClassLargestFirst() {
    DeadLetterGroups groups = new DeadLetterGroups(DeadLetterGroups.MAX_GROUPS);
    for (int i = 0; i < 3; i++) {
      groups.add(exhausted(new IOException("timeout " + i)));
    }
    groups.add(fatal("fatal", new IllegalArgumentException("bad card")));
    groups.add(exhausted(new IllegalStateException("503")));
    groups.add(exhausted(new IllegalStateException("502")));

    assertThat(groups.total()).isEqualTo(6);
    assertThat(groups.groups())
        .containsExactly(
            new DeadLetterGroups.Group("exhausted", "java.io.IOException", 3, false),
            new DeadLetterGroups.Group("exhausted", "java.lang.IllegalStateException", 2, false),
            new DeadLetterGroups.Group("fatal", "java.lang.IllegalArgumentException", 1, false));
  }

  @Test
  void pastTheCapNewGroupsAreCountedTogetherAsOther() {
    DeadLetterGroups groups = new DeadLetterGroups(2);
    groups.add(fatal("a", new IOException()));
    groups.add(fatal("b", new IOException()));
    groups.add(fatal("c", new IOException()));
    groups.add(fatal("d", new IOException()));
    groups.add(fatal("a", new IOException()));

    assertThat(groups.total()).isEqualTo(5);
    assertThat(groups.groups())
        .containsExactly(
            new DeadLetterGroups.Group("a", "java.io.IOException", 2, false),
            new DeadLetterGroups.Group("b", "java.io.IOException", 1, false),
            new DeadLetterGroups.Group(null, null, 2, true));
  }
}
