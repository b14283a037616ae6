package dev.lanes.console.internal.web;

import java.util.List;

/**
 * What the frame of every page shows for this request: the lanes for the navigation, a banner when
 * Kafka does not answer, whether the caller may write, and the CSRF token every form that posts
 * carries as {@code <input type="hidden" name="csrf" value="...">}.
 *
 * @param lanes the configured lanes' names, for the navigation
 * @param kafkaBanner why Kafka cannot be read now, or null when it answers
 * @param signedIn whether the caller gave the token (and so may replay)
 * @param csrfToken the token forms must post back; null when not signed in
 */
public record PageChrome(
    List<String> lanes, String kafkaBanner, boolean signedIn, String csrfToken) {

  public PageChrome {
    lanes = List.copyOf(lanes);
  }
}
