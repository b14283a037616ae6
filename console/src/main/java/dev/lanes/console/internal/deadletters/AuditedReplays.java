package dev.lanes.console.internal.deadletters;

import dev.lanes.LaneConfig;
import dev.lanes.app.dlt.DeadLetterReplayer;
import dev.lanes.app.dlt.ReplayResult;
import dev.lanes.console.internal.ConsoleProblem;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays through the CLI's {@link DeadLetterReplayer} (the same replay log, so nothing is replayed
 * twice) and logs every replay on {@code dev.lanes.console.audit}: who, what, how many.
 */
final class AuditedReplays {

  private static final Logger AUDIT = LoggerFactory.getLogger("dev.lanes.console.audit");
  private static final Logger RECORDS = LoggerFactory.getLogger(AuditedReplays.class);

  private final Map<String, Object> clientProperties;
  private final Clock clock;

  AuditedReplays(Map<String, Object> clientProperties, Clock clock) {
    this.clientProperties = Map.copyOf(clientProperties);
    this.clock = clock;
  }

  /** What a replay would do: how many it would produce, how many it skips; sends nothing. */
  ReplayResult preview(LaneConfig lane, ReplayRequest request) {
    PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
    return KafkaFailures.call(
        "preview the replay of " + lane.deadLetterTopic(),
        () ->
            new DeadLetterReplayer(clientProperties, lane.topic(), discard, clock)
                .dryRun(request.filter(), request.andAlso(), request.to()));
  }

  ReplayResult replay(LaneConfig lane, ReplayRequest request, String caller) {
    try (PrintStream records =
        new PrintStream(
            new LogLines(RECORDS, "lane=" + lane.name() + " "), true, StandardCharsets.UTF_8)) {
      ReplayResult result =
          KafkaFailures.call(
              "replay " + lane.deadLetterTopic(),
              () ->
                  new DeadLetterReplayer(clientProperties, lane.topic(), records, clock)
                      .replay(request.filter(), request.andAlso(), request.to()));
      AUDIT.info(
          "replay caller=\"{}\" lane={} scope={} filter=\"{}\" positions={} target={} produced={}"
              + " skipped={} failed={}",
          caller,
          lane.name(),
          request.scope().value(),
          filter(request),
          request.positions().size(),
          result.target(),
          result.replayed(),
          result.skipped(),
          result.failed());
      return result;
    } catch (ConsoleProblem problem) {
      AUDIT.warn(
          "replay caller=\"{}\" lane={} scope={} filter=\"{}\" positions={} target={} status={}"
              + " error=\"{}\"",
          caller,
          lane.name(),
          request.scope().value(),
          filter(request),
          request.positions().size(),
          request.to().topic(lane.topic()),
          problem.status(),
          problem.getMessage());
      throw problem;
    }
  }

  /** The filters a matching replay used; a replay of chosen positions uses none. */
  static String filter(ReplayRequest request) {
    return request.scope() == ReplayRequest.Scope.MATCHING ? request.query().describe() : "none";
  }
}
