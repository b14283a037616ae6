package dev.lanes.embedded;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Zones as separate networks on one Linux machine: each zone is a network namespace joined to one
 * bridge in the root namespace by a veth pair, on a private /24 (the bridge .1, zone-a .11, zone-b
 * .12, ...). A process started with a zone's {@link #commandPrefix} lives in that zone. {@link
 * #cut} takes the zone's link down: its processes keep running and reach each other, nobody else
 * reaches them and they reach nobody, with no error but a timeout, as in a real partition.
 *
 * <p>Needs root and iproute2 ({@link #available()}). {@link #close()} deletes all it made; so does
 * a shutdown hook, and a new network removes what a killed JVM left.
 */
public final class ZoneNetwork implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ZoneNetwork.class);
  private static final AtomicInteger SERIALS = new AtomicInteger(1);
  private static final String SUBNET_PREFIX = "10.231.";
  private static final int FIRST_ZONE_HOST = 11;
  private static final int MAX_ZONES = 5;
  private static volatile String unavailableReason;

  private final ZoneNetworkNames names;
  private final String subnet;
  private final Map<String, Integer> zoneIndex = new LinkedHashMap<>();
  private final List<String> madeNamespaces = new ArrayList<>();
  private final Thread leakGuard;
  private boolean madeBridge;
  private boolean closed;

  private ZoneNetwork(ZoneNetworkNames names, String subnet, List<String> zones) {
    this.names = names;
    this.subnet = subnet;
    IntStream.range(0, zones.size()).forEach(i -> zoneIndex.put(zones.get(i), i));
    this.leakGuard = new Thread(this::close, "zone-network-close");
    Runtime.getRuntime().addShutdownHook(leakGuard);
  }

  /** Whether this machine can make zone networks (Linux, root, a working {@code ip netns}). */
  public static boolean available() {
    return unavailableReason().isEmpty();
  }

  /** Why zone networks cannot be made here, or an empty string when they can. */
  public static synchronized String unavailableReason() {
    if (unavailableReason == null) {
      unavailableReason = probe();
    }
    return unavailableReason;
  }

  /** A network of {@code zones} zones named zone-a, zone-b, ... (1 to 5). */
  public static ZoneNetwork create(int zones) {
    if (zones < 1 || zones > MAX_ZONES) {
      throw new IllegalArgumentException("zones must be 1 to " + MAX_ZONES + ", was " + zones);
    }
    if (!available()) {
      throw new IllegalStateException("Cannot make zone networks here: " + unavailableReason());
    }
    ZoneNetworkLeftovers.remove();
    List<String> names = IntStream.rangeClosed(1, zones).mapToObj(ClusterLayout::zoneOf).toList();
    ZoneNetwork network =
        new ZoneNetwork(
            new ZoneNetworkNames(ProcessHandle.current().pid(), SERIALS.getAndIncrement()),
            freeSubnet(),
            names);
    try {
      network.build();
    } catch (RuntimeException e) {
      try {
        network.close();
      } catch (RuntimeException closeFailure) {
        e.addSuppressed(closeFailure);
      }
      throw e;
    }
    log.info(
        "Zone network up zones={} subnet={}.0/24 bridge={}",
        names,
        network.subnet,
        network.names.bridge());
    return network;
  }

  public List<String> zones() {
    return List.copyOf(zoneIndex.keySet());
  }

  /** Prepend to a command to run it inside {@code zone}: {@code ip netns exec <namespace>}. */
  public List<String> commandPrefix(String zone) {
    return List.of(IpCommand.executable(), "netns", "exec", names.namespace(requireZone(zone)));
  }

  /** The zone's own address; its processes listen on it. */
  public String address(String zone) {
    return subnet + "." + (FIRST_ZONE_HOST + zoneIndex.get(requireZone(zone)));
  }

  /**
   * The root namespace's address on the bridge: where processes in zones reach the host's services.
   */
  public String hostAddress() {
    return subnet + ".1";
  }

  /** Cuts {@code zone} off: its processes keep running and reach each other, and nothing else. */
  public void cut(String zone) {
    IpCommand.run("link", "set", names.hostVeth(zoneIndex.get(requireZone(zone))), "down");
    log.info("Zone cut off zone={}", zone);
  }

  /** Joins a cut zone to the others again. */
  public void heal(String zone) {
    IpCommand.run("link", "set", names.hostVeth(zoneIndex.get(requireZone(zone))), "up");
    log.info("Zone healed zone={}", zone);
  }

  /** Deletes the namespaces and the bridge; processes still in a zone lose their network. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    RuntimeException failure = null;
    List<String> deletes =
        new ArrayList<>(madeNamespaces.stream().map(ns -> "netns delete " + ns).toList());
    if (madeBridge) {
      deletes.add("link delete " + names.bridge());
    }
    for (String delete : deletes) {
      try {
        IpCommand.run(delete.split(" "));
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    releaseLeakGuard();
    if (failure != null) {
      throw failure;
    }
    log.info("Zone network removed bridge={}", names.bridge());
  }

  /** The namespaces this network made, for tests that check none is left. */
  List<String> namespaces() {
    return zones().stream().map(names::namespace).toList();
  }

  String bridge() {
    return names.bridge();
  }

  private synchronized void build() {
    String bridge = names.bridge();
    IpCommand.run("link", "add", bridge, "type", "bridge");
    madeBridge = true;
    IpCommand.run("addr", "add", hostAddress() + "/24", "dev", bridge);
    IpCommand.run("link", "set", bridge, "up");
    for (String zone : zoneIndex.keySet()) {
      String namespace = names.namespace(zone);
      String hostVeth = names.hostVeth(zoneIndex.get(zone));
      IpCommand.run("netns", "add", namespace);
      madeNamespaces.add(namespace);
      // Made with its far end already inside: deleting the namespace deletes the pair.
      IpCommand.run(
          "link", "add", hostVeth, "type", "veth", "peer", "name", "eth0", "netns", namespace);
      IpCommand.run("link", "set", hostVeth, "master", bridge, "up");
      IpCommand.run("-n", namespace, "addr", "add", address(zone) + "/24", "dev", "eth0");
      IpCommand.run("-n", namespace, "link", "set", "eth0", "up");
      IpCommand.run("-n", namespace, "link", "set", "lo", "up");
    }
  }

  private String requireZone(String zone) {
    if (!zoneIndex.containsKey(zone)) {
      throw new IllegalArgumentException(
          "no zone " + zone + " in this network, zones are " + zones());
    }
    return zone;
  }

  private void releaseLeakGuard() {
    try {
      Runtime.getRuntime().removeShutdownHook(leakGuard);
    } catch (IllegalStateException shuttingDown) {
      // This JVM is exiting, close() may be that very hook: nothing to remove.
    }
  }

  /** A 10.231.x subnet no interface of this machine is on yet. */
  private static String freeSubnet() {
    String addresses = IpCommand.run("-o", "-4", "addr", "show");
    for (int attempt = 0; attempt < 100; attempt++) {
      String candidate = SUBNET_PREFIX + ThreadLocalRandom.current().nextInt(256);
      if (!addresses.contains(candidate + ".")) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "No free " + SUBNET_PREFIX + "x.0/24 subnet found: " + addresses);
  }

  /** Makes and deletes a namespace and a bridge: that needs everything a network needs. */
  private static String probe() {
    if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
      return "network namespaces need Linux, this is " + System.getProperty("os.name");
    }
    ZoneNetworkNames probe = new ZoneNetworkNames(ProcessHandle.current().pid(), 0);
    String namespace = probe.namespace("probe");
    try {
      IpCommand.run("netns", "add", namespace);
      try {
        IpCommand.run("-n", namespace, "link", "set", "lo", "up");
        IpCommand.run("link", "add", probe.bridge(), "type", "bridge");
        IpCommand.run("link", "delete", probe.bridge());
      } finally {
        IpCommand.run("netns", "delete", namespace);
      }
      return "";
    } catch (RuntimeException e) {
      return "ip netns does not work here (needs root and iproute2): " + e.getMessage();
    }
  }
}
