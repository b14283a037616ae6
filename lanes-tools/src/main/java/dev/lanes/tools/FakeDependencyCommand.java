package dev.lanes.tools;

import dev.lanes.app.CommandConsole;
import dev.lanes.app.ExitCodes;
import dev.lanes.app.ExitStatus;
import dev.lanes.app.ToolCommand;
import dev.lanes.testkit.fake.FlakyHttpService;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lanes fake-dependency}: the failure-injecting HTTP service, for rehearsals and compose.
 */
@Command(
    name = "fake-dependency",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a fake HTTP dependency that fails and slows down on command, until Ctrl-C.",
      "Break it:  curl -X POST 'http://HOST:PORT/control?status=503&latencyMs=0&errorRate=1.0'",
      "Heal it:   curl -X POST 'http://HOST:PORT/control?status=200'",
      "Stats:     curl http://HOST:PORT/stats   (any other path is the dependency itself)"
    })
public final class FakeDependencyCommand implements ToolCommand {

  @ParentCommand private CommandConsole console;

  @Option(names = "--port", description = "Port to listen on (default: ${DEFAULT-VALUE}).")
  private int port = 8081;

  @Option(
      names = "--host",
      description = "Address to bind (default: ${DEFAULT-VALUE}; 0.0.0.0 in containers).")
  private String host = "127.0.0.1";

  @Override
  public Integer call() throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    try (FlakyHttpService service = FlakyHttpService.start(host, port)) {
      // Stopping on SIGTERM is the normal way to end it: exit 0, not the signal's 143.
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    stopped.countDown();
                    ExitStatus.haltWhenDecided(Duration.ofSeconds(30));
                  },
                  "lanes-shutdown"));
      console
          .out()
          .printf(
              "lanes: fake dependency listening on http://%s:%d/ (Ctrl-C stops it)%n",
              host, service.port());
      stopped.await();
    }
    return ExitCodes.OK;
  }
}
