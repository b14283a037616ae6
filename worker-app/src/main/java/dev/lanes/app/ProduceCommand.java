package dev.lanes.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.lanes.Task;
import dev.lanes.app.config.DurationFormat;
import dev.lanes.app.config.LanesConfig;
import dev.lanes.app.produce.InvalidTaskLineException;
import dev.lanes.app.produce.SendOptions;
import dev.lanes.app.produce.SendResult;
import dev.lanes.app.produce.TaskLines;
import dev.lanes.app.produce.TaskSender;
import dev.lanes.task.TaskCodec;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code lanes produce}: tasks to a lane's topic, acknowledged by every in-sync replica. */
@Command(
    name = "produce",
    mixinStandardHelpOptions = true,
    description = {
      "Produces tasks to a lane (acks=all) and prints how many were acknowledged.",
      "Either --type with an optional --payload (and --count copies), or --file with one JSON"
          + " envelope or payload per line ('-' reads stdin); a file is checked whole first, so an"
          + " invalid line sends nothing."
    })
final class ProduceCommand implements Callable<Integer> {

  @ParentCommand private LanesCommand parent;
  @Mixin private ClusterOptions cluster;
  @Mixin private TimeoutOption timeout;

  @Option(names = "--lane", required = true, description = "The lane, e.g. realtime or batch.")
  private String lane;

  @Option(names = "--type", description = "The task type (for --payload, or for payload lines).")
  private String type;

  @Option(names = "--payload", paramLabel = "JSON", description = "The task's payload object.")
  private String payload;

  @Option(names = "--key", description = "The record key: tasks with one key run in order.")
  private String key;

  @Option(names = "--count", description = "How many tasks to send (default: ${DEFAULT-VALUE}).")
  private int count = 1;

  @Option(names = "--rate", paramLabel = "PER_S", description = "At most this many per second.")
  private Double rate;

  @Option(names = "--file", paramLabel = "FILE", description = "JSON lines to send; '-' is stdin.")
  private String file;

  @Option(
      names = "--deadline",
      paramLabel = "DURATION",
      converter = DurationOption.class,
      description =
          "Each task expires this long after it is sent (30s, 5m): not run once late, but"
              + " dead-lettered with reason expired. A line's own deadline wins.")
  private Duration deadline;

  @Override
  public Integer call() {
    LanesConfig config = cluster.load(parent.env());
    String topic = LaneTopicsOption.resolve(config, lane).main().name();
    if (count < 1) {
      throw new UsageException("--count must be >= 1, was " + count);
    }
    if (rate != null && !(rate > 0)) {
      throw new UsageException("--rate must be > 0, was " + rate);
    }
    SendOptions options = SendOptions.defaults();
    if (key != null) {
      options = options.withKey(key);
    }
    if (rate != null) {
      options = options.withRate(rate);
    }
    if (deadline != null) {
      if (deadline.isZero() || deadline.isNegative()) {
        throw new UsageException("--deadline must be > 0, was " + DurationFormat.format(deadline));
      }
      options = options.withDeadlineAfter(deadline);
    }
    // Everything the user typed is checked before Kafka is asked anything.
    List<Task> tasks = file != null ? readLines() : null;
    String taskType = file == null ? requireType() : null;
    JsonNode taskPayload = file == null ? parsePayload() : null;
    String bootstrap = ClusterOptions.bootstrap(config, parent.err());
    Map<String, Object> client =
        timeout.applyTo(ClusterOptions.clientProperties(config, bootstrap));
    ClusterReach.requireTopic(client, bootstrap, timeout.value(), topic);
    TaskSender sender = new TaskSender(client, parent.out(), Clock.systemUTC());
    SendResult result =
        tasks != null
            ? sender.send(topic, tasks, options)
            : sender.sendCopies(topic, taskType, taskPayload, count, options);
    return result.succeeded() ? ExitCodes.OK : ExitCodes.FAILED;
  }

  private List<Task> readLines() {
    if (payload != null) {
      throw new UsageException("--payload and --file do not go together");
    }
    TaskLines lines = new TaskLines(new TaskCodec(), Clock.systemUTC());
    if (!file.equals("-") && !Files.isRegularFile(Path.of(file))) {
      throw new UsageException(
          "--file "
              + file
              + (Files.isDirectory(Path.of(file)) ? " is a directory" : " does not exist"));
    }
    try {
      return file.equals("-")
          ? lines.parse(new InputStreamReader(System.in, StandardCharsets.UTF_8), type)
          : lines.parse(Path.of(file), type);
    } catch (UncheckedIOException e) {
      throw new UsageException("--file " + file + " cannot be read: " + e.getCause(), e);
    } catch (InvalidTaskLineException e) {
      throw new UsageException((file.equals("-") ? "stdin " : file + " ") + e.getMessage(), e);
    }
  }

  private String requireType() {
    if (type == null || type.isBlank()) {
      throw new UsageException("give --type (with an optional --payload) or --file");
    }
    return type;
  }

  private JsonNode parsePayload() {
    if (payload == null) {
      return JsonNodeFactory.instance.objectNode();
    }
    try {
      JsonNode node = new TaskCodec().mapper().readTree(payload);
      if (!node.isObject()) {
        throw new UsageException("--payload must be a JSON object, was " + payload);
      }
      return node;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UsageException("--payload is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }
}
