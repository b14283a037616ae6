package dev.lanes.app.dlt;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

class HexDumpTest {

  @Test
  void printsOffsetSixteenBytesAndTheirPrintableCharacters() {
    byte[] bytes = new byte[20];
    byte[] text = "{\"a\":1}".getBytes(UTF_8);
    System.arraycopy(text, 0, bytes, 0, text.length);
    bytes[7] = (byte) 0xff;
    bytes[19] = 0x41;
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    HexDump.print(bytes, new PrintStream(out, true, UTF_8));

    assertThat(out.toString(UTF_8).lines())
        .containsExactly(
            "00000000  7b 22 61 22 3a 31 7d ff  00 00 00 00 00 00 00 00  |{\"a\":1}.........|",
            "00000010  00 00 00 41                                       |...A|");
  }

  @Test
  void dumpShowsWholeLinesUpToTheLimitAndNoMore() {
    byte[] bytes = new byte[100];

    String dump = HexDump.dump(bytes, 20);

    assertThat(dump.lines()).hasSize(2);
    assertThat(dump.lines().toList().get(1)).startsWith("00000010  00");
  }
}
