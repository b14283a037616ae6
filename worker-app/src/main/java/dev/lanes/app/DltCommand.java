package dev.lanes.app;

import dev.lanes.app.config.LanesConfig;
import dev.lanes.app.dlt.DeadLetter;
import dev.lanes.app.dlt.DeadLetterDetail;
import dev.lanes.app.dlt.DeadLetterFilter;
import dev.lanes.app.dlt.DeadLetterReader;
import dev.lanes.app.dlt.DeadLetterReplayer;
import dev.lanes.app.dlt.DeadLetterSelection;
import dev.lanes.app.dlt.DeadLetterTable;
import dev.lanes.app.dlt.RawValueFile;
import dev.lanes.app.dlt.ReplayResult;
import dev.lanes.app.dlt.ReplayTarget;
import dev.lanes.topics.LaneTopics;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code lanes dlt list|show|replay}: a lane's dead letters. */
@Command(
    name = "dlt",
    mixinStandardHelpOptions = true,
    description = "Inspects and replays a lane's dead-letter topic.",
    subcommands = {DltCommand.List.class, DltCommand.Show.class, DltCommand.Replay.class})
final class DltCommand {

  @ParentCommand LanesCommand parent;

  /**
   * The options list and replay share: the lane and which dead letters. Both build their filter
   * here, so the same options select the same dead letters in both.
   */
  static final class Selection {
    @Option(names = "--lane", required = true, description = "The lane, e.g. realtime or batch.")
    String lane;

    @Option(names = "--type", description = "Only tasks of this type.")
    String type;

    @Option(
        names = "--reason",
        description = "Only this reason (exhausted, fatal, expired, not_json, unknown_type, ...).")
    String reason;

    @Option(
        names = "--since",
        paramLabel = "DURATION",
        converter = DurationOption.class,
        description = "Only dead letters younger than this, e.g. 30m, 2h, 1d.")
    Duration since;

    /** The filter of these options, with at most {@code limit} dead letters (null: no limit). */
    DeadLetterFilter filter(Integer limit) {
      if (limit != null && limit < 1) {
        throw new UsageException("--limit must be >= 1, was " + limit);
      }
      try {
        DeadLetterFilter filter =
            DeadLetterFilter.all().withType(type).withReason(reason).withSince(since);
        return limit == null ? filter : filter.withLimit(limit);
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage(), e);
      }
    }
  }

  /** Everything a subcommand needs to reach the lane's topics. */
  private record Context(LanesCommand lanes, LaneTopics topics, Map<String, Object> client) {

    static Context of(
        LanesCommand lanes, ClusterOptions cluster, TimeoutOption timeout, String lane) {
      LanesConfig config = cluster.load(lanes.env());
      LaneTopics topics = LaneTopicsOption.resolve(config, lane);
      String bootstrap = ClusterOptions.bootstrap(config, lanes.err());
      Map<String, Object> client =
          timeout.applyTo(ClusterOptions.clientProperties(config, bootstrap));
      ClusterReach.require(client, bootstrap, timeout.value());
      return new Context(lanes, topics, client);
    }

    DeadLetterReader reader() {
      return new DeadLetterReader(client, topics.deadLetter().name(), Clock.systemUTC());
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = {
        "Lists dead letters, oldest first; --json prints one object per line.",
        "Shows at most "
            + DeadLetterFilter.DEFAULT_LIMIT
            + " unless --limit says otherwise, and says how many more match (after the table, or"
            + " on stderr with --json)."
      })
  static final class List implements Callable<Integer> {
    @ParentCommand DltCommand dlt;
    @Mixin ClusterOptions cluster;
    @Mixin TimeoutOption timeout;
    @Mixin Selection selection;

    @Option(names = "--json", description = "One JSON object per line, for scripts.")
    boolean json;

    @Option(
        names = "--limit",
        paramLabel = "N",
        description =
            "At most N dead letters, the oldest (default: "
                + DeadLetterFilter.DEFAULT_LIMIT
                + "; the list says how many more match).")
    Integer limit;

    @Override
    public Integer call() {
      DeadLetterFilter filter =
          selection.filter(limit == null ? DeadLetterFilter.DEFAULT_LIMIT : limit);
      Context context = Context.of(dlt.parent, cluster, timeout, selection.lane);
      DeadLetterSelection selected = context.reader().select(filter);
      new DeadLetterTable(context.lanes().out(), Clock.systemUTC())
          .print(selected.deadLetters(), json);
      if (selected.notShown() > 0) {
        // stdout stays one JSON object per line for scripts; people read the note on stderr.
        (json ? context.lanes().err() : context.lanes().out())
            .println((json ? "lanes: " : "") + selected.moreNote());
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description =
          "Everything about one dead letter: headers, stack trace, payload (JSON pretty-printed,"
              + " anything else as a hex dump of at most 4 KiB; --raw FILE saves all of it).")
  static final class Show implements Callable<Integer> {
    @ParentCommand DltCommand dlt;
    @Mixin ClusterOptions cluster;
    @Mixin TimeoutOption timeout;

    @Option(names = "--lane", required = true, description = "The lane.")
    String lane;

    @Option(names = "--partition", required = true, description = "Partition of the dead letter.")
    int partition;

    @Option(names = "--offset", required = true, description = "Offset of the dead letter.")
    long offset;

    @Option(
        names = "--raw",
        paramLabel = "FILE",
        description =
            "Also save the record's value, byte for byte, to FILE (the printed hex dump stops after"
                + " the first 4 KiB).")
    Path raw;

    @Override
    public Integer call() {
      Context context = Context.of(dlt.parent, cluster, timeout, lane);
      DeadLetter deadLetter;
      try {
        deadLetter = context.reader().find(partition, offset);
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage(), e);
      }
      new DeadLetterDetail(context.lanes().out(), Clock.systemUTC()).print(deadLetter);
      if (raw != null) {
        try {
          context.lanes().err().println("lanes: " + RawValueFile.save(deadLetter, raw));
        } catch (java.io.UncheckedIOException e) {
          throw new UsageException("--raw: " + e.getMessage(), e);
        }
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "replay",
      mixinStandardHelpOptions = true,
      description = {
        "Produces the selected dead letters again: original key, value and headers, attempt"
            + " counter reset, a lanes.replayed-from header. Records what it replayed, so running"
            + " it twice replays nothing twice.",
        "Needs --yes, unless --dry-run."
      })
  static final class Replay implements Callable<Integer> {
    @ParentCommand DltCommand dlt;
    @Mixin ClusterOptions cluster;
    @Mixin TimeoutOption timeout;
    @Mixin Selection selection;

    @Option(
        names = "--to",
        paramLabel = "main|retry",
        description = "Back to the main topic (default) or the first retry topic.")
    String to = "main";

    @Option(names = "--dry-run", description = "Show what would be replayed; send nothing.")
    boolean dryRun;

    @Option(names = "--yes", description = "Really replay.")
    boolean yes;

    @Option(
        names = "--limit",
        paramLabel = "N",
        description = "At most N dead letters, the oldest not replayed before (default: all).")
    Integer limit;

    @Override
    public Integer call() {
      ReplayTarget target =
          switch (to) {
            case "main" -> ReplayTarget.MAIN;
            case "retry" -> ReplayTarget.RETRY;
            default -> throw new UsageException("--to must be main or retry, was " + to);
          };
      if (!dryRun && !yes) {
        throw new UsageException("replaying re-produces records: add --yes, or --dry-run first");
      }
      DeadLetterFilter filter = selection.filter(limit);
      Context context = Context.of(dlt.parent, cluster, timeout, selection.lane);
      DeadLetterReplayer replayer =
          new DeadLetterReplayer(
              context.client(),
              context.topics().main().name(),
              context.lanes().out(),
              Clock.systemUTC());
      ReplayResult result =
          dryRun ? replayer.dryRun(filter, target) : replayer.replay(filter, target);
      return result.succeeded() ? ExitCodes.OK : ExitCodes.FAILED;
    }
  }
}
