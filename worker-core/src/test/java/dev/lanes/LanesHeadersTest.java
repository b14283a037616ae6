package dev.lanes;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class LanesHeadersTest {

  @Test
  void numbersAreReadFromDecimalHeadersAndAreEmptyWhenAbsentOrUnreadable() {
    RecordHeaders headers = new RecordHeaders();
    headers.add(LanesHeaders.ATTEMPT, "4".getBytes(UTF_8));
    headers.add(LanesHeaders.FIRST_FAILURE, "1800000000123".getBytes(UTF_8));
    headers.add(LanesHeaders.ORIGINAL_OFFSET, "-5".getBytes(UTF_8));
    headers.add(LanesHeaders.ORIGINAL_PARTITION, "two".getBytes(UTF_8));

    assertThat(LanesHeaders.number(headers, LanesHeaders.ATTEMPT)).hasValue(4);
    assertThat(LanesHeaders.number(headers, LanesHeaders.FIRST_FAILURE))
        .hasValue(1_800_000_000_123L);
    assertThat(LanesHeaders.number(headers, LanesHeaders.ORIGINAL_OFFSET)).isEmpty();
    assertThat(LanesHeaders.number(headers, LanesHeaders.ORIGINAL_PARTITION)).isEmpty();
    assertThat(LanesHeaders.number(headers, LanesHeaders.DUE)).isEqualTo(OptionalLong.empty());
  }
}
