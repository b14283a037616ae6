package dev.lanes.console.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SessionsTest {

  /** A clock the test moves by hand. */
  static final class HandClock extends Clock {
    Instant now = Instant.parse("2026-12-01T08:00:00Z");

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  final HandClock clock = new HandClock();

  @Test
  void sessionLastsTwelveHoursAndNotASecondMore() {
    Sessions sessions = new Sessions(clock);
    Session session = sessions.signIn();
    clock.now = clock.now.plus(Duration.ofHours(12)).minusSeconds(1);
    assertThat(sessions.find(session.id())).isEqualTo(session);
    clock.now = clock.now.plusSeconds(1);
    assertThat(sessions.find(session.id())).isNull();
    assertThat(sessions.size()).isZero();
  }

  @Test
  void pastTheBoundTheOldestSignInIsForgotten() {
    Sessions sessions = new Sessions(clock, 3);
    Session first = sessions.signIn();
    Session second = sessions.signIn();
    sessions.signIn();
    sessions.signIn();
    assertThat(sessions.size()).isEqualTo(3);
    assertThat(sessions.find(first.id())).isNull();
    assertThat(sessions.find(second.id())).isEqualTo(second);
  }

  @Test
  void defaultBoundIsAThousand() {
    Sessions sessions = new Sessions(clock);
    Session first = sessions.signIn();
    for (int i = 0; i < Sessions.MAX_SESSIONS; i++) {
      sessions.signIn();
    }
    assertThat(sessions.size()).isEqualTo(1_000);
    assertThat(sessions.find(first.id())).isNull();
  }

  @Test
  void idsAndCsrfTokensAre256RandomBits() {
    Sessions sessions = new Sessions(clock);
    Session a = sessions.signIn();
    Session b = sessions.signIn();
    assertThat(a.id()).hasSize(43).isNotEqualTo(b.id()).isNotEqualTo(a.csrfToken());
    assertThat(a.csrfToken()).hasSize(43).isNotEqualTo(b.csrfToken());
  }

  @Test
  void signOutEndsOnlyTheSessionWithThatCsrfToken() {
    Sessions sessions = new Sessions(clock);
    Session mine = sessions.signIn();
    Session theirs = sessions.signIn();
    sessions.signOut(mine.csrfToken());
    assertThat(sessions.find(mine.id())).isNull();
    assertThat(sessions.find(theirs.id())).isEqualTo(theirs);
  }

  @Test
  void unknownOrMissingIdFindsNothing() {
    Sessions sessions = new Sessions(clock);
    assertThat(sessions.find(null)).isNull();
    assertThat(sessions.find("made-up")).isNull();
  }
}
