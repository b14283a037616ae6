package dev.lanes.versions;

import java.util.Arrays;

/**
 * Orders dotted version numbers by their numeric parts ({@code 1.13.6 < 1.14.0 = 1.14}); a
 * qualifier after the numbers ({@code -SNAPSHOT}, {@code -RC1}, {@code .Final}) is ignored.
 */
final class Version {

  private Version() {}

  static int compare(String a, String b) {
    int[] left = parts(a);
    int[] right = parts(b);
    for (int i = 0; i < Math.max(left.length, right.length); i++) {
      int x = i < left.length ? left[i] : 0;
      int y = i < right.length ? right[i] : 0;
      if (x != y) {
        return Integer.compare(x, y);
      }
    }
    return 0;
  }

  private static int[] parts(String version) {
    String[] pieces = version.trim().split("\\.");
    int[] numbers = new int[pieces.length];
    int count = 0;
    for (String piece : pieces) {
      int end = 0;
      while (end < piece.length() && end < 9 && Character.isDigit(piece.charAt(end))) {
        end++;
      }
      if (end == 0) {
        break; // a qualifier: the numbers are over
      }
      numbers[count++] = Integer.parseInt(piece.substring(0, end));
      if (end < piece.length()) {
        break; // "0-RC1": the number, then a qualifier
      }
    }
    return Arrays.copyOf(numbers, count);
  }
}
