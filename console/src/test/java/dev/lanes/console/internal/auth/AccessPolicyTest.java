package dev.lanes.console.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.console.internal.auth.Access.Allowed;
import dev.lanes.console.internal.auth.Access.Refused;
import dev.lanes.console.internal.auth.Access.SignInFirst;
import dev.lanes.console.internal.auth.Access.Via;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {

  static final String TOKEN = "the-token";
  static final Session SESSION = new Session("id", "csrf-1", Instant.EPOCH);
  static final String HOST = "127.0.0.1:8090";

  final AccessPolicy loopback = new AccessPolicy(TOKEN, true);
  final AccessPolicy remote = new AccessPolicy(TOKEN, false);

  @Test
  void loopbackReadsPagesAndApiWithoutCredentials() {
    assertThat(loopback.decide(get("/lanes/a/dead-letters", null, null)))
        .isEqualTo(new Allowed(Via.OPEN));
    assertThat(loopback.decide(get("/api/lanes", null, null))).isEqualTo(new Allowed(Via.OPEN));
  }

  @Test
  void signedInReaderIsNamedAsSuch() {
    assertThat(loopback.decide(get("/", null, SESSION))).isEqualTo(new Allowed(Via.SESSION));
  }

  @Test
  void otherBindSendsPageReadersToSignInAndBackHere() {
    assertThat(remote.decide(get("/lanes/a/dead-letters?since=1h", null, null)))
        .isEqualTo(new SignInFirst("/lanes/a/dead-letters?since=1h"));
    assertThat(remote.decide(get("/", null, SESSION))).isEqualTo(new Allowed(Via.SESSION));
  }

  @Test
  void otherBindNeedsBearerForApiReads() {
    assertThat(remote.decide(get("/api/lanes", null, null)))
        .isInstanceOfSatisfying(Refused.class, r -> assertThat(r.status()).isEqualTo(401));
    assertThat(remote.decide(get("/api/lanes", "Bearer wrong", null)))
        .isInstanceOfSatisfying(Refused.class, r -> assertThat(r.status()).isEqualTo(403));
    assertThat(remote.decide(get("/api/lanes", "Bearer " + TOKEN, null)))
        .isEqualTo(new Allowed(Via.BEARER));
  }

  @Test
  void otherBindStillServesSignInPageAndAssets() {
    assertThat(remote.decide(get("/login?next=/", null, null))).isEqualTo(new Allowed(Via.OPEN));
    assertThat(remote.decide(get("/assets/console.css", null, null)))
        .isEqualTo(new Allowed(Via.OPEN));
    assertThat(remote.decide(post("/login", null, null, null))).isEqualTo(new Allowed(Via.OPEN));
  }

  @Test
  void apiPostWithoutBearerIs401JsonEvenOnLoopback() {
    assertThat(loopback.decide(post("/api/replay", null, null, null)))
        .isEqualTo(
            new Refused(
                401,
                true,
                "this needs the console's token: send the header Authorization: Bearer <token>"));
    assertThat(loopback.decide(post("/api/replay", "Basic dXNlcjpwdw==", null, null)))
        .isInstanceOfSatisfying(Refused.class, r -> assertThat(r.status()).isEqualTo(401));
  }

  @Test
  void apiPostWithWrongBearerIs403AndWithRightOneAllowed() {
    assertThat(loopback.decide(post("/api/replay", "Bearer nope", null, null)))
        .isInstanceOfSatisfying(Refused.class, r -> assertThat(r.status()).isEqualTo(403));
    assertThat(loopback.decide(post("/api/replay", "bearer " + TOKEN, null, null)))
        .isEqualTo(new Allowed(Via.BEARER));
  }

  @Test
  void sessionAndCsrfDoNotCountForTheApi() {
    assertThat(loopback.decide(post("/api/replay", null, SESSION, "csrf-1")))
        .isInstanceOfSatisfying(Refused.class, r -> assertThat(r.status()).isEqualTo(401));
  }

  @Test
  void pagePostWithoutSessionIs401Page() {
    assertThat(loopback.decide(post("/lanes/a/replay", "Bearer " + TOKEN, null, "csrf-1")))
        .isInstanceOfSatisfying(
            Refused.class,
            r -> {
              assertThat(r.status()).isEqualTo(401);
              assertThat(r.api()).isFalse();
            });
  }

  @Test
  void pagePostWithSessionButMissingOrWrongCsrfIs403Page() {
    assertThat(loopback.decide(post("/lanes/a/replay", null, SESSION, null)))
        .isInstanceOfSatisfying(Refused.class, r -> assertThat(r.status()).isEqualTo(403));
    assertThat(loopback.decide(post("/lanes/a/replay", null, SESSION, "csrf-2")))
        .isInstanceOfSatisfying(Refused.class, r -> assertThat(r.status()).isEqualTo(403));
  }

  @Test
  void pagePostWithSessionAndItsCsrfIsAllowed() {
    assertThat(loopback.decide(post("/lanes/a/replay", null, SESSION, "csrf-1")))
        .isEqualTo(new Allowed(Via.SESSION));
    assertThat(remote.decide(post("/logout", null, SESSION, "csrf-1")))
        .isEqualTo(new Allowed(Via.SESSION));
  }

  @Test
  void onLoopbackAnotherHostNameIsRefusedAgainstDnsRebinding() {
    AccessRequest rebound =
        new AccessRequest(
            "GET", "/lanes/a/dead-letters", "/", null, null, null, "evil.example:8090");
    assertThat(loopback.decide(rebound))
        .isEqualTo(
            new Refused(
                403,
                false,
                "this console listens on a loopback address and answers only to Host localhost or"
                    + " a loopback address, was 'evil.example:8090'"));
    AccessRequest api =
        new AccessRequest("GET", "/api/lanes", "/api/lanes", null, null, null, "10.0.0.7");
    assertThat(loopback.decide(api))
        .isInstanceOfSatisfying(Refused.class, r -> assertThat(r.api()).isTrue());
  }

  @Test
  void loopbackNamesAreTheOnesABrowserCannotBeReboundTo() {
    assertThat(AccessPolicy.isLoopbackName("127.0.0.1:8090")).isTrue();
    assertThat(AccessPolicy.isLoopbackName("127.1.2.3")).isTrue();
    assertThat(AccessPolicy.isLoopbackName("localhost:8090")).isTrue();
    assertThat(AccessPolicy.isLoopbackName("LOCALHOST")).isTrue();
    assertThat(AccessPolicy.isLoopbackName("[::1]:8090")).isTrue();
    assertThat(AccessPolicy.isLoopbackName(null)).isTrue();
    assertThat(AccessPolicy.isLoopbackName("127.0.0.1.evil.example")).isFalse();
    assertThat(AccessPolicy.isLoopbackName("localhost.evil.example")).isFalse();
    assertThat(AccessPolicy.isLoopbackName("[::2]:8090")).isFalse();
    assertThat(AccessPolicy.isLoopbackName("evil.example")).isFalse();
  }

  @Test
  void anotherBindTakesAnyHostName() {
    AccessRequest viaName =
        new AccessRequest("GET", "/", "/", null, SESSION, null, "console.internal:8090");
    assertThat(remote.decide(viaName)).isEqualTo(new Allowed(Via.SESSION));
  }

  @Test
  void nextAfterSignInStaysOnTheConsole() {
    assertThat(AccessPolicy.localPath("/lanes/a/dead-letters?x=1"))
        .isEqualTo("/lanes/a/dead-letters?x=1");
    assertThat(AccessPolicy.localPath(null)).isEqualTo("/");
    assertThat(AccessPolicy.localPath("https://evil.example/")).isEqualTo("/");
    assertThat(AccessPolicy.localPath("//evil.example/")).isEqualTo("/");
    assertThat(AccessPolicy.localPath("/\\evil.example/")).isEqualTo("/");
    assertThat(AccessPolicy.localPath("/a\r\nSet-Cookie: x")).isEqualTo("/");
  }

  private static AccessRequest get(String pathAndQuery, String authorization, Session session) {
    return new AccessRequest(
        "GET", pathAndQuery.split("\\?")[0], pathAndQuery, authorization, session, null, HOST);
  }

  private static AccessRequest post(
      String path, String authorization, Session session, String csrf) {
    return new AccessRequest("POST", path, path, authorization, session, csrf, HOST);
  }
}
