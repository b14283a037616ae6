package dev.lanes.app.config;

import java.util.regex.Pattern;

/**
 * The variables the kubelet injects for every Service in the namespace ("service links"): for a
 * Service {@code lanes-batch} with port 8080 that is {@code LANES_BATCH_SERVICE_HOST}, {@code
 * LANES_BATCH_SERVICE_PORT}, {@code LANES_BATCH_PORT=tcp://10.0.0.11:8080}, {@code
 * LANES_BATCH_PORT_8080_TCP_ADDR} and the like. They start with {@code LANES_} only because the
 * Services are named {@code lanes-*}; they are not settings, and refusing them as unknown would
 * stop every pod.
 *
 * <p>Both name and value must have Kubernetes' shape, so that a misspelt setting such as {@code
 * LANES_HTPP_PORT=9090} (a name that fits, a value that is not {@code tcp://host:port}) is still an
 * error rather than silently ignored.
 */
final class KubernetesServiceLinks {

  private static final String PROTOCOL = "(TCP|UDP|SCTP)";
  private static final Pattern SERVICE_HOST = Pattern.compile("[A-Z0-9_]+_SERVICE_HOST");
  private static final Pattern SERVICE_PORT =
      Pattern.compile("[A-Z0-9_]+_SERVICE_PORT(_[A-Z0-9_]+)?");
  private static final Pattern PORT = Pattern.compile("[A-Z0-9_]+_PORT");
  private static final Pattern PORT_URL = Pattern.compile("[A-Z0-9_]+_PORT_\\d+_" + PROTOCOL);
  private static final Pattern PORT_ADDR =
      Pattern.compile("[A-Z0-9_]+_PORT_\\d+_" + PROTOCOL + "_ADDR");
  private static final Pattern PORT_PORT =
      Pattern.compile("[A-Z0-9_]+_PORT_\\d+_" + PROTOCOL + "_PORT");
  private static final Pattern PORT_PROTO =
      Pattern.compile("[A-Z0-9_]+_PORT_\\d+_" + PROTOCOL + "_PROTO");

  private static final Pattern ANY = Pattern.compile("\\S+");
  private static final Pattern NUMBER = Pattern.compile("\\d{1,5}");
  private static final Pattern URL = Pattern.compile("(tcp|udp|sctp)://\\S+:\\d{1,5}");
  private static final Pattern PROTO_VALUE = Pattern.compile("tcp|udp|sctp");

  private KubernetesServiceLinks() {}

  /** Whether {@code name=value} is a variable Kubernetes injects for a Service. */
  static boolean isServiceLink(String name, String value) {
    if (value == null) {
      return false;
    }
    String trimmed = value.trim();
    return (SERVICE_HOST.matcher(name).matches() && ANY.matcher(trimmed).matches())
        || (SERVICE_PORT.matcher(name).matches() && NUMBER.matcher(trimmed).matches())
        || (PORT.matcher(name).matches() && URL.matcher(trimmed).matches())
        || (PORT_URL.matcher(name).matches() && URL.matcher(trimmed).matches())
        || (PORT_ADDR.matcher(name).matches() && ANY.matcher(trimmed).matches())
        || (PORT_PORT.matcher(name).matches() && NUMBER.matcher(trimmed).matches())
        || (PORT_PROTO.matcher(name).matches() && PROTO_VALUE.matcher(trimmed).matches());
  }
}
