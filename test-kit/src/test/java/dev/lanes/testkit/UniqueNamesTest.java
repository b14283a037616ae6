package dev.lanes.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class UniqueNamesTest {

  private final UniqueNames names = new UniqueNames();

  @Test
  void namesNeverRepeatEvenWhenRequestedConcurrently() {
    List<String> issued =
        IntStream.range(0, 10_000).parallel().mapToObj(i -> names.next("orders")).toList();

    assertThat(issued).doesNotHaveDuplicates();
  }

  @Test
  void nameIsPrefixCounterAndShortRandomSuffix() {
    assertThat(names.next("orders")).matches("orders-1-[0-9a-f]{6}");
    assertThat(names.next("orders")).matches("orders-2-[0-9a-f]{6}");
  }

  @Test
  void prefixMustBeALegalTopicName() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> names.next("orders/eu"))
        .withMessage("prefix must be 1-200 characters of [a-zA-Z0-9._-], was 'orders/eu'");
    assertThatIllegalArgumentException().isThrownBy(() -> names.next(""));
    assertThatIllegalArgumentException().isThrownBy(() -> names.next(null));
  }
}
