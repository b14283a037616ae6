package dev.lanes.embedded;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names one {@link ZoneNetwork} gives its namespaces and links. Each carries the process id of
 * the JVM that made it, so a later run can tell the leftovers of a killed JVM (its pid is gone)
 * from a network another live JVM still uses. Link names stay within Linux's 15 characters.
 */
record ZoneNetworkNames(long pid, int serial) {

  private static final Pattern NAMESPACE = Pattern.compile("^lanes(\\d+)n\\d+-.*");
  private static final Pattern LINK = Pattern.compile("^lz(\\d+)n\\d+(br|v\\d+)$");

  ZoneNetworkNames {
    if (pid < 1) {
      throw new IllegalArgumentException("pid must be >= 1, was " + pid);
    }
    if (serial < 0 || serial > 99) {
      throw new IllegalArgumentException("serial must be 0..99, was " + serial);
    }
  }

  /** e.g. {@code lanes4242n1-zone-c}. */
  String namespace(String zone) {
    return "lanes" + pid + "n" + serial + "-" + zone;
  }

  /** e.g. {@code lz4242n1br}. */
  String bridge() {
    return "lz" + pid + "n" + serial + "br";
  }

  /**
   * The root namespace's end of zone {@code index}'s (0-based) veth pair, e.g. {@code lz4242n1v2}.
   */
  String hostVeth(int index) {
    return "lz" + pid + "n" + serial + "v" + index;
  }

  /** The pid that made namespace {@code name}, or empty if it is not one of ours. */
  static OptionalLong namespaceOwner(String name) {
    return owner(NAMESPACE.matcher(name));
  }

  /** The pid that made link {@code name} (a bridge or a host-side veth), or empty. */
  static OptionalLong linkOwner(String name) {
    return owner(LINK.matcher(name));
  }

  private static OptionalLong owner(Matcher matcher) {
    if (!matcher.matches()) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(matcher.group(1)));
    } catch (NumberFormatException tooLong) {
      return OptionalLong.empty();
    }
  }
}
