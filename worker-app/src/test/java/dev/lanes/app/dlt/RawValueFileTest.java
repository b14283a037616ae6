package dev.lanes.app.dlt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RawValueFileTest {

  private static final String MAIN = "tasks.payments";

  @TempDir Path dir;

  @Test
  void savesTheValueByteForByteAndSaysWhere() throws Exception {
    byte[] value = {(byte) 0xff, 0x00, 0x7b, (byte) 0x80, 0x0a};
    Path file = dir.resolve("value.bin");
    Files.writeString(file, "an older, longer content that must not survive");

    String said = RawValueFile.save(DeadLetterRecords.raw(MAIN, value).toDeadLetter(4), file);

    assertThat(Files.readAllBytes(file)).isEqualTo(value);
    assertThat(said).isEqualTo("wrote the value of tasks.payments.dlt-0@4 (5 bytes) to " + file);
  }

  @Test
  void aNullValueOrAnUnwritableFileIsAnErrorNamingIt() {
    assertThatThrownBy(
            () ->
                RawValueFile.save(
                    DeadLetter.of(new ConsumerRecord<>(MAIN + ".dlt", 0, 2, null, null)),
                    dir.resolve("x.bin")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("has no value (null)");
    Path nowhere = dir.resolve("missing-dir").resolve("x.bin");
    assertThatThrownBy(
            () ->
                RawValueFile.save(
                    DeadLetterRecords.raw(MAIN, new byte[] {1}).toDeadLetter(0), nowhere))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageStartingWith("cannot write the value to " + nowhere);
  }
}
