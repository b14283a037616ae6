package dev.lanes.internal.forward;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.LanesHeaders;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class HeaderValuesTest {

  @Test
  void readsDecimalValuesAndFallsBackOnAnythingElse() {
    RecordHeaders headers = new RecordHeaders();
    headers.add("n", "1800000000123".getBytes(UTF_8));
    headers.add("negative", "-5".getBytes(UTF_8));
    headers.add("text", "soon".getBytes(UTF_8));
    headers.add("empty", new byte[0]);
    headers.add("huge", "99999999999999999999".getBytes(UTF_8));

    assertThat(HeaderValues.longValue(headers, "n", 7)).isEqualTo(1_800_000_000_123L);
    assertThat(HeaderValues.longValue(headers, "negative", 7)).isEqualTo(7);
    assertThat(HeaderValues.longValue(headers, "text", 7)).isEqualTo(7);
    assertThat(HeaderValues.longValue(headers, "empty", 7)).isEqualTo(7);
    assertThat(HeaderValues.longValue(headers, "huge", 7)).isEqualTo(7);
    assertThat(HeaderValues.longValue(headers, "absent", 7)).isEqualTo(7);
  }

  @Test
  void attemptIsOneUnlessAValidHeaderSaysOtherwise() {
    RecordHeaders headers = new RecordHeaders();
    assertThat(HeaderValues.attempt(headers)).isEqualTo(1);
    headers.add(LanesHeaders.ATTEMPT, "0".getBytes(UTF_8));
    assertThat(HeaderValues.attempt(headers)).isEqualTo(1);
    headers.add(LanesHeaders.ATTEMPT, "3".getBytes(UTF_8));
    assertThat(HeaderValues.attempt(headers)).isEqualTo(3);
  }
}
