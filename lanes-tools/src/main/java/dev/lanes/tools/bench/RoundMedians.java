package dev.lanes.tools.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Figures of several rounds of one scenario reduced to one set: each figure the median of its
 * rounds, as the issue tables report them. A ratio is the median of the rounds' ratios, not the
 * ratio of medians, because both sides of a ratio share their round's disturbances.
 */
final class RoundMedians {

  private RoundMedians() {}

  /**
   * The median of each figure over {@code rounds}, in the first round's order; whole numbers stay
   * whole (the mean of the middle two, rounded, for an even count).
   */
  static Map<String, Object> of(List<Map<String, Object>> rounds) {
    if (rounds.isEmpty()) {
      throw new IllegalArgumentException("no rounds to take medians of");
    }
    Map<String, Object> medians = new LinkedHashMap<>();
    for (String figure : rounds.get(0).keySet()) {
      List<Number> values = new ArrayList<>();
      for (Map<String, Object> round : rounds) {
        values.add((Number) round.get(figure));
      }
      medians.put(figure, median(figure, values));
    }
    return medians;
  }

  private static Object median(String figure, List<Number> values) {
    if (values.contains(null)) {
      throw new IllegalArgumentException("figure " + figure + " is missing from a round");
    }
    double[] sorted = values.stream().mapToDouble(Number::doubleValue).sorted().toArray();
    int middle = sorted.length / 2;
    double median =
        sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    boolean whole = values.stream().allMatch(v -> v instanceof Long || v instanceof Integer);
    if (!whole) {
      return ThroughputScenario.round(median);
    }
    return values.get(0) instanceof Integer
        ? (Object) (int) Math.round(median)
        : Math.round(median);
  }
}
