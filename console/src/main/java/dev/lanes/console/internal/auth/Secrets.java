package dev.lanes.console.internal.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/** Random tokens and their comparison: session ids, CSRF tokens and a generated console token. */
public final class Secrets {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int BYTES = 32; // 256 bits: not guessable, not worth enumerating

  private Secrets() {}

  /** 256 random bits, URL-safe Base64 without padding (fits a cookie, a header and a form). */
  public static String random() {
    byte[] bytes = new byte[BYTES];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * Whether {@code given} equals {@code expected}, in time that does not depend on where they
   * differ, so a caller cannot learn the token a character at a time. A null {@code given} never
   * matches.
   */
  public static boolean matches(String expected, String given) {
    if (given == null || expected == null) {
      return false;
    }
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }
}
