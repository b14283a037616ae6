package dev.lanes.tools.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lanes.embedded.ZoneNetwork;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lanes drill --scenario zone-partition}: zone-c (its Kafka node and both its workers, each
 * in zone-c's network namespace) is cut off for 20 s while everything keeps running, then healed.
 * The other zones fence the node and take the partitions; no task may be lost, and the node must be
 * back in sync. Needs root on Linux for the namespaces.
 *
 * <p>It also holds what embedded-kafka's own ZonePartitionIT asserted beyond this drill, before the
 * drill made it a duplicate costing the suite 44 s: the cluster ran in the namespaces, the majority
 * fenced the cut node while its process kept running, and the namespaces and the bridge were gone
 * once the drill exited.
 */
@Tag("drill")
class PartitionDrillIT {

  // ZoneNetwork's log line names the bridge, lz<pid>n<serial>br; its namespaces are
  // lanes<pid>n<serial>-<zone>.
  private static final Pattern BRIDGE =
      Pattern.compile("Zone network up .* bridge=(lz(\\d+n\\d+)br)");

  @TempDir Path dir;

  @Test
  void aPartitionedZoneLosesNoTaskAndItsNodeCatchesUpAfterTheHeal() {
    assumeTrue(ZoneNetwork.available(), () -> "skipped: " + ZoneNetwork.unavailableReason());

    DrillCommandRun run = DrillCommandRun.of(dir, "zone-partition", 1);

    ZoneDrillAssertions.assertNothingLost(run);
    assertThat(run.output())
        .contains(
            "cluster up in network namespaces",
            "cut zone-c off the network: node 3 and workers w3");
    ZoneDrillAssertions.assertFencedWhileRunning(run, 3);
    assertThat(run.has("in_sync_s")).as("in_sync_s in " + run.scenario()).isTrue();

    Matcher bridge = BRIDGE.matcher(run.output());
    assertThat(bridge.find()).as("the zone network's bridge in the output").isTrue();
    assertThat(ip("-o", "link", "show")).doesNotContain(bridge.group(1));
    assertThat(ip("netns", "list")).doesNotContain("lanes" + bridge.group(2) + "-");
  }

  private static String ip(String... args) {
    // /usr/sbin is not on every PATH (a Maven fork): where ZoneNetwork's IpCommand looks first.
    String ip =
        Stream.of("/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip")
            .filter(path -> Files.isExecutable(Path.of(path)))
            .findFirst()
            .orElse("ip");
    List<String> command = new ArrayList<>(List.of(ip));
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new AssertionError(command + " failed: " + output);
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted running " + command, e);
    }
  }
}
