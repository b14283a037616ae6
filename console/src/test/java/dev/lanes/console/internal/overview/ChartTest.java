package dev.lanes.console.internal.overview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChartTest {

  private static final MinuteBuckets HOUR =
      MinuteBuckets.endingWithMinuteOf(Instant.parse("2026-12-01T09:15:42Z"));

  @Test
  void sixtyPointsPerSeriesWithThePeakAtTheTopAndZeroOnTheAxis() {
    long[] retries = new long[60];
    long[] deadLetters = new long[60];
    retries[10] = 4;
    deadLetters[59] = 2;

    Chart chart = Chart.of("realtime", HOUR, retries, deadLetters);

    String[] points = chart.retriesPoints().split(" ");
    assertThat(points).hasSize(60);
    assertThat(points[0]).isEqualTo(Chart.LEFT + ".0," + Chart.BOTTOM + ".0");
    assertThat(points[10]).endsWith("," + Chart.TOP + ".0");
    assertThat(points[59]).startsWith(Chart.RIGHT + ".0,");
    String[] deadLetterPoints = chart.deadLettersPoints().split(" ");
    double middle = (Chart.TOP + Chart.BOTTOM) / 2.0;
    assertThat(deadLetterPoints[59]).endsWith("," + middle);
    assertThat(chart.yMax()).isEqualTo(4);
  }

  @Test
  void theLabelSaysTotalsAndBusiestMinutesInWords() {
    long[] retries = new long[60];
    long[] deadLetters = new long[60];
    retries[10] = 4;
    retries[11] = 1;
    deadLetters[59] = 1;

    Chart chart = Chart.of("realtime", HOUR, retries, deadLetters);

    assertThat(chart.ariaLabel())
        .isEqualTo(
            "Lane realtime, last hour per minute: 5 retries (most: 4 at 08:26);"
                + " 1 dead letter (most: 1 at 09:15).");
    assertThat(chart.startLabel()).isEqualTo("08:16");
    assertThat(chart.endLabel()).isEqualTo("09:15");
  }

  @Test
  void aMiddleTickLabelsTheMinuteItStandsAbove() {
    Chart chart = Chart.of("realtime", HOUR, new long[60], new long[60]);

    assertThat(chart.middleLabel()).isEqualTo("08:46");
    double step = (double) (Chart.RIGHT - Chart.LEFT) / 59;
    assertThat((double) Chart.MIDDLE_X).isCloseTo(Chart.LEFT + 30 * step, within(0.5));
  }

  @Test
  void theTableListsOnlyMinutesWithSomethingInThem() {
    long[] retries = new long[60];
    long[] deadLetters = new long[60];
    retries[10] = 4;
    deadLetters[59] = 1;

    Chart chart = Chart.of("realtime", HOUR, retries, deadLetters);

    assertThat(chart.rows())
        .containsExactly(new Chart.Minute("08:26", 4, 0), new Chart.Minute("09:15", 0, 1));
  }

  @Test
  void aQuietHourIsAFlatLineAndSaysSo() {
    Chart chart = Chart.of("batch", HOUR, new long[60], new long[60]);

    assertThat(chart.yMax()).isEqualTo(1);
    assertThat(chart.retriesPoints().split(" "))
        .allMatch(p -> p.endsWith("," + Chart.BOTTOM + ".0"));
    assertThat(chart.ariaLabel())
        .isEqualTo("Lane batch, last hour per minute: no retries; no dead letters.");
    assertThat(chart.rows()).isEmpty();
  }

  @Test
  void aSeriesOfTheWrongLengthIsRefusedWithItsLength() {
    assertThatThrownBy(() -> Chart.of("batch", HOUR, new long[61], new long[60]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("retries must hold 60 minutes, held 61");
  }
}
