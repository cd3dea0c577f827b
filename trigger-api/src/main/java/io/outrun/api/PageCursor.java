package io.outrun.api;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.outrun.api.error.FieldProblem;
import io.outrun.api.error.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import org.springframework.data.mongodb.core.query.Criteria;

/**
 * Where a newest-first page ends: the time and id of its last item. Lists are sorted by a time
 * field, then {@code _id}, both descending, and the next page starts strictly after this position
 * (keyset paging: stable while new items arrive). Shown to clients as an opaque base64url string;
 * {@link #parse} also takes a plain ISO-8601 instant ("everything before this time").
 *
 * @param at the last item's time
 * @param id the last item's id, or null for "strictly before {@code at}"
 */
public record PageCursor(Instant at, String id) {

  /** Longer {@code before} values are refused rather than decoded. */
  static final int MAX_LENGTH = 1_000;

  private static final String PARAMETER = "before";

  /** The opaque form for a {@code before} parameter. */
  public String encode() {
    String plain = at.toEpochMilli() + ":" + id;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /** A {@code before} parameter: null when absent, else a cursor or an instant; 400 if neither. */
  public static PageCursor parse(String before) {
    if (before == null || before.isEmpty()) {
      return null;
    }
    if (before.length() > MAX_LENGTH) {
      throw invalid();
    }
    try {
      return new PageCursor(Instant.parse(before), null);
    } catch (DateTimeParseException notAnInstant) {
      return decode(before);
    }
  }

  private static PageCursor decode(String cursor) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      int colon = plain.indexOf(':');
      if (colon < 1 || colon == plain.length() - 1) {
        throw invalid();
      }
      long millis = Long.parseLong(plain.substring(0, colon));
      return new PageCursor(Instant.ofEpochMilli(millis), plain.substring(colon + 1));
    } catch (IllegalArgumentException | java.time.DateTimeException malformed) {
      throw invalid();
    }
  }

  /** Items strictly after this position in {@code timeField}-then-{@code _id} descending order. */
  public Criteria after(String timeField) {
    if (id == null) {
      return where(timeField).lt(at);
    }
    return new Criteria()
        .orOperator(where(timeField).lt(at), where(timeField).is(at).and("_id").lt(id));
  }

  private static ProblemException invalid() {
    return ProblemException.invalid(
        "The page position is not valid.",
        List.of(
            new FieldProblem(
                PARAMETER, "must be a nextCursor from an earlier page or an ISO-8601 instant")));
  }
}
