package dev.lanes.app.dlt;

import dev.lanes.topics.TopicNames;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;

/**
 * Sends dead letters of a lane back for another try: to the main topic or the first retry topic,
 * same partition number, same key, value and user headers, with the runtime's headers removed so
 * the attempt count starts over, and {@code lanes.replayed-from} naming the dead letter. Each
 * replayed dead letter is recorded in the lane's replay log, and later runs skip it.
 */
public final class DeadLetterReplayer {

  private static final Comparator<DeadLetter> LOG_ORDER =
      Comparator.comparingInt(DeadLetter::partition).thenComparingLong(DeadLetter::offset);

  private final Map<String, Object> clientProperties;
  private final String mainTopic;
  private final PrintStream out;
  private final DeadLetterReader reader;
  private final ReplayLog log;

  /**
   * @param clientProperties bootstrap servers and any security settings, used as given
   * @param mainTopic the lane's main topic; the dead-letter topic and replay log derive from it
   */
  public DeadLetterReplayer(
      Map<String, Object> clientProperties, String mainTopic, PrintStream out, Clock clock) {
    this.clientProperties = Map.copyOf(clientProperties);
    this.mainTopic = Objects.requireNonNull(mainTopic, "mainTopic");
    this.out = Objects.requireNonNull(out, "out");
    this.reader =
        new DeadLetterReader(this.clientProperties, TopicNames.deadLetter(mainTopic), clock);
    this.log = new ReplayLog(this.clientProperties, TopicNames.replayLog(mainTopic));
  }

  /** Replays the dead letters the filter selects that no earlier run replayed. */
  public ReplayResult replay(DeadLetterFilter filter, ReplayTarget to) {
    return replay(filter, deadLetter -> true, to);
  }

  /**
   * As {@link #replay(DeadLetterFilter, ReplayTarget)}, selecting only dead letters that also
   * satisfy {@code andAlso} (asked before the replay log, so {@code skipped} counts only those).
   */
  public ReplayResult replay(
      DeadLetterFilter filter, Predicate<DeadLetter> andAlso, ReplayTarget to) {
    return run(filter, andAlso, to, true);
  }

  /** Prints what {@link #replay} would do and sends nothing, not even the replay log topic. */
  public ReplayResult dryRun(DeadLetterFilter filter, ReplayTarget to) {
    return dryRun(filter, deadLetter -> true, to);
  }

  /** As {@link #dryRun(DeadLetterFilter, ReplayTarget)}, also requiring {@code andAlso}. */
  public ReplayResult dryRun(
      DeadLetterFilter filter, Predicate<DeadLetter> andAlso, ReplayTarget to) {
    return run(filter, andAlso, to, false);
  }

  private ReplayResult run(
      DeadLetterFilter filter, Predicate<DeadLetter> andAlso, ReplayTarget to, boolean send) {
    String target = to.topic(mainTopic);
    Plan plan = plan(target, send);
    AtomicInteger skipped = new AtomicInteger();
    List<DeadLetter> selected =
        reader
            .select(
                filter,
                deadLetter -> {
                  if (!andAlso.test(deadLetter)) {
                    return false;
                  }
                  boolean replayedBefore =
                      plan.alreadyReplayed().contains(ReplayLog.key(deadLetter));
                  if (replayedBefore) {
                    skipped.incrementAndGet();
                  }
                  return !replayedBefore;
                })
            .deadLetters();
    requireFits(selected, target, plan.targetPartitions());
    // Partition by partition in offset order: records of one key reach the lane in their order.
    List<DeadLetter> ordered = selected.stream().sorted(LOG_ORDER).toList();
    ReplayResult result =
        send ? write(ordered, target, skipped.get()) : preview(ordered, target, skipped.get());
    printSummary(result);
    return result;
  }

  /**
   * Checks both topics exist before anything is created, then (unless a dry run) makes sure the
   * replay log exists, and reads it.
   */
  private Plan plan(String target, boolean send) {
    try (Admin admin = Admin.create(clientProperties)) {
      if (AdminCalls.describe(admin, reader.topic()) == null) {
        throw new IllegalArgumentException(
            "dead-letter topic " + reader.topic() + " does not exist");
      }
      TopicDescription targetTopic = AdminCalls.describe(admin, target);
      if (targetTopic == null) {
        throw new IllegalArgumentException("replay target topic " + target + " does not exist");
      }
      if (send) {
        log.ensureExists(admin);
      }
      Set<String> alreadyReplayed = send || log.exists(admin) ? log.readKeys() : Set.of();
      return new Plan(targetTopic.partitions().size(), alreadyReplayed);
    }
  }

  private ReplayResult write(List<DeadLetter> deadLetters, String target, int skipped) {
    try (Producer<byte[], byte[]> producer =
        new KafkaProducer<>(ClientSettings.writer(clientProperties))) {
      return new ReplayWriter(producer, log, out).write(deadLetters, target, skipped);
    }
  }

  private ReplayResult preview(List<DeadLetter> deadLetters, String target, int skipped) {
    for (DeadLetter deadLetter : deadLetters) {
      out.println(
          "would replay "
              + deadLetter.position()
              + " -> "
              + target
              + "-"
              + deadLetter.partition()
              + ReplayWriter.describeTask(deadLetter));
    }
    return new ReplayResult(target, deadLetters.size(), skipped, 0, null, true);
  }

  private void printSummary(ReplayResult result) {
    String counts =
        "replayed "
            + result.replayed()
            + ", skipped "
            + result.skipped()
            + " already replayed, to "
            + result.target();
    if (result.dryRun()) {
      out.println("dry run: would have " + counts + "; nothing sent");
    } else {
      out.println(counts);
    }
    if (!result.succeeded()) {
      out.println(result.failed() + " failed; first: " + result.firstFailure().getMessage());
    }
  }

  /** Checked before sending anything, so a replay is not cut off halfway by a smaller topic. */
  private static void requireFits(List<DeadLetter> deadLetters, String target, int partitions) {
    for (DeadLetter deadLetter : deadLetters) {
      if (deadLetter.partition() >= partitions) {
        throw new IllegalStateException(
            "cannot replay "
                + deadLetter.position()
                + " to partition "
                + deadLetter.partition()
                + " of "
                + target
                + ", which has partitions 0.."
                + (partitions - 1)
                + "; nothing was replayed");
      }
    }
  }

  private record Plan(int targetPartitions, Set<String> alreadyReplayed) {}
}
