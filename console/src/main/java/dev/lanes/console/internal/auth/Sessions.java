package dev.lanes.console.internal.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The signed-in sessions, in memory: a restart signs everyone out, which is fine for a console
 * whose token is printed at start. Bounded, so a script that signs in in a loop cannot fill the
 * heap: past {@link #MAX_SESSIONS} the oldest sign-in is forgotten.
 */
public final class Sessions {

  public static final Duration LIFETIME = Duration.ofHours(12);
  public static final int MAX_SESSIONS = 1_000;

  private final Clock clock;
  private final int maxSessions;
  // Insertion order is sign-in order, so the first entry is always the oldest.
  private final Map<String, Session> byId = new LinkedHashMap<>();

  public Sessions(Clock clock) {
    this(clock, MAX_SESSIONS);
  }

  Sessions(Clock clock, int maxSessions) {
    if (maxSessions < 1) {
      throw new IllegalArgumentException("maxSessions must be >= 1, was " + maxSessions);
    }
    this.clock = clock;
    this.maxSessions = maxSessions;
  }

  /** A new session with fresh random id and CSRF token. */
  public synchronized Session signIn() {
    Session session = new Session(Secrets.random(), Secrets.random(), clock.instant());
    byId.put(session.id(), session);
    Iterator<Session> oldestFirst = byId.values().iterator();
    while (byId.size() > maxSessions) {
      oldestFirst.next();
      oldestFirst.remove();
    }
    return session;
  }

  /** The live session with this id, or null when unknown, signed out or expired. */
  public synchronized Session find(String id) {
    if (id == null) {
      return null;
    }
    Session session = byId.get(id);
    if (session == null) {
      return null;
    }
    if (expired(session, clock.instant())) {
      byId.remove(id);
      return null;
    }
    return session;
  }

  /**
   * Ends the session whose forms carry {@code csrfToken}. A POST reaches a handler only when its
   * CSRF token is its own session's, so this is the caller's session and nobody else's.
   */
  public synchronized void signOut(String csrfToken) {
    if (csrfToken != null) {
      byId.values().removeIf(session -> Secrets.matches(session.csrfToken(), csrfToken));
    }
  }

  synchronized int size() {
    return byId.size();
  }

  private static boolean expired(Session session, Instant now) {
    return !now.isBefore(session.signedInAt().plus(LIFETIME));
  }
}
