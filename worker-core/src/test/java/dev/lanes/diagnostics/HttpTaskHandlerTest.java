package dev.lanes.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanes.Dependencies;
import dev.lanes.Dependency;
import dev.lanes.DependencyCall;
import dev.lanes.DependencyUnavailableException;
import dev.lanes.InvalidTaskException;
import dev.lanes.Task;
import dev.lanes.TaskContext;
import dev.lanes.testkit.fake.FlakyHttpService;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpTaskHandlerTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final FlakyHttpService service = FlakyHttpService.start(0);
  private final HttpTaskHandler handler = new HttpTaskHandler();
  private final RecordingDependencies dependencies = new RecordingDependencies();

  @AfterEach
  void closeService() {
    service.close();
  }

  @Test
  void okAnswerCompletesTheTaskThroughTheDefaultDependency() {
    assertThatCode(() -> handler.handle(task(payload()), context())).doesNotThrowAnyException();

    assertThat(service.calls()).isEqualTo(1);
    assertThat(dependencies.called).containsExactly("http");
    assertThat(dependencies.failures).isEmpty();
  }

  @Test
  void postCallsTheUrlToo() throws Exception {
    handler.handle(task(payload().put("method", "POST")), context());

    assertThat(service.calls()).isEqualTo(1);
  }

  @Test
  void dependencyNameComesFromThePayload() throws Exception {
    handler.handle(task(payload().put("dependency", "payments-api")), context());

    assertThat(dependencies.called).containsExactly("payments-api");
  }

  @Test
  void serverErrorFailsTheCallWithItsStatus() {
    service.failWith(503, 1.0);

    assertThatThrownBy(() -> handler.handle(task(payload()), context()))
        .isInstanceOfSatisfying(
            DependencyStatusException.class,
            e -> {
              assertThat(e.status()).isEqualTo(503);
              assertThat(e.url()).isEqualTo(service.workUri());
            })
        .hasMessage(service.workUri() + " answered 503");
    assertThat(dependencies.failures).hasSize(1);
  }

  @Test
  void tooManyRequestsAndRequestTimeoutAreDependencyFailuresNotInvalidTasks() {
    for (int status : new int[] {429, 408}) {
      service.failWith(status, 1.0);

      assertThatThrownBy(() -> handler.handle(task(payload()), context()))
          .isInstanceOfSatisfying(
              DependencyStatusException.class, e -> assertThat(e.status()).isEqualTo(status));
    }
  }

  @Test
  void clientErrorIsAnInvalidTaskThatDoesNotFailTheDependencyCall() {
    service.failWith(404, 1.0);

    assertThatThrownBy(() -> handler.handle(task(payload()), context()))
        .isInstanceOf(InvalidTaskException.class)
        .hasMessage(
            "GET " + service.workUri() + " answered 404: a client error, retrying will not fix it");
    // The call itself returned: a wrong task must not count toward opening the breaker.
    assertThat(dependencies.called).containsExactly("http");
    assertThat(dependencies.failures).isEmpty();
  }

  @Test
  void queryAndUserInfoStayOutOfTheMessage() {
    service.failWith(503, 1.0);
    String url = "http://user:hunter2@127.0.0.1:" + service.port() + "/work?token=s3cret";

    assertThatThrownBy(() -> handler.handle(task(payload().put("url", url)), context()))
        .isInstanceOf(DependencyStatusException.class)
        .hasMessage(service.workUri() + " answered 503");
  }

  @Test
  void answerSlowerThanTimeoutMsFailsWithAnHttpTimeout() {
    service.addLatency(Duration.ofMinutes(1));

    assertThatThrownBy(() -> handler.handle(task(payload().put("timeoutMs", 50)), context()))
        .isInstanceOf(HttpTimeoutException.class);
    assertThat(dependencies.failures).hasSize(1);
  }

  @Test
  void dependencyUnavailablePropagatesUnchangedWithoutACall() {
    DependencyUnavailableException unavailable =
        new DependencyUnavailableException("http", new IllegalStateException("breaker open"));
    TaskContext context = context(new RefusingDependencies(unavailable));

    assertThatThrownBy(() -> handler.handle(task(payload()), context)).isSameAs(unavailable);
    assertThat(service.calls()).isZero();
  }

  @Test
  void missingOrBadUrlIsAnInvalidTaskNamingTheField() {
    assertInvalid(JSON.createObjectNode(), "url is required");
    assertInvalid(
        payload().put("url", "ftp://127.0.0.1/work"),
        "url must be an absolute http(s) URL, was \"ftp://127.0.0.1/work\"");
    assertInvalid(
        payload().put("url", "/work"), "url must be an absolute http(s) URL, was \"/work\"");
    assertInvalid(
        payload().put("url", "http://bad host/"),
        "url must be an absolute http(s) URL, was \"http://bad host/\"");
    assertInvalid(payload().put("url", 42), "url must be an absolute http(s) URL, was 42");
  }

  @Test
  void badMethodTimeoutOrDependencyIsAnInvalidTaskNamingTheField() {
    assertInvalid(payload().put("method", "PUT"), "method must be GET or POST, was \"PUT\"");
    assertInvalid(payload().put("timeoutMs", 0), "timeoutMs must be an integer >= 1, was 0");
    assertInvalid(
        payload().put("dependency", " "), "dependency must be a non-blank string, was \" \"");
  }

  @Test
  void isRegisteredAsTheHttpDiagnosticHandler() {
    assertThat(DiagnosticHandlers.registry().find(DiagnosticHandlers.HTTP))
        .isInstanceOf(HttpTaskHandler.class);
  }

  private void assertInvalid(ObjectNode payload, String message) {
    assertThatThrownBy(() -> handler.handle(task(payload), context()))
        .isInstanceOf(InvalidTaskException.class)
        .hasMessage(message);
    assertThat(dependencies.called).as("no call for an invalid task").isEmpty();
    assertThat(service.calls()).isZero();
  }

  private ObjectNode payload() {
    return JSON.createObjectNode().put("url", service.workUri().toString());
  }

  private static Task task(ObjectNode payload) {
    return Task.create(DiagnosticHandlers.HTTP, payload);
  }

  private TaskContext context() {
    return context(dependencies);
  }

  private static TaskContext context(Dependencies dependencies) {
    return new TaskContext("batch", 1, "tasks.batch", 0, 0, null, dependencies);
  }

  /** Makes every call directly, recording which dependency it went through and what it threw. */
  private static final class RecordingDependencies implements Dependencies {

    final List<String> called = new CopyOnWriteArrayList<>();
    final List<Exception> failures = new CopyOnWriteArrayList<>();

    @Override
    public Dependency get(String name) {
      return new Dependency() {
        @Override
        public String name() {
          return name;
        }

        @Override
        public <T> T call(DependencyCall<T> call) throws Exception {
          called.add(name);
          try {
            return call.call();
          } catch (Exception e) {
            failures.add(e);
            throw e;
          }
        }
      };
    }

    @Override
    public Set<String> names() {
      return Set.copyOf(called);
    }
  }

  /** Behaves like an open breaker: refuses every call without making it. */
  private record RefusingDependencies(DependencyUnavailableException unavailable)
      implements Dependencies {

    @Override
    public Dependency get(String name) {
      return new Dependency() {
        @Override
        public String name() {
          return name;
        }

        @Override
        public <T> T call(DependencyCall<T> call) {
          throw unavailable;
        }
      };
    }

    @Override
    public Set<String> names() {
      return Set.of("http");
    }
  }
}
