package io.outrun.api;

import java.util.List;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * One page of a newest-first list, answered as a JSON array. When more items may follow, the
 * response carries {@code Link: <same request with before=cursor>; rel="next"} (RFC 8288, relative
 * to the API's base) and the bare cursor in {@code X-Next-Cursor}.
 *
 * @param items the page
 * @param next where the next page starts, or null on the last page
 */
public record Page<T>(List<T> items, PageCursor next) {

  public static final String NEXT_CURSOR = "X-Next-Cursor";

  /**
   * The page from {@code fetched}, read with a limit of {@code limit + 1}: the extra item only
   * shows that there is a next page.
   */
  public static <T> Page<T> of(List<T> fetched, int limit, Function<T, PageCursor> positionOf) {
    if (fetched.size() <= limit) {
      return new Page<>(fetched, null);
    }
    List<T> items = fetched.subList(0, limit);
    return new Page<>(List.copyOf(items), positionOf.apply(items.getLast()));
  }

  /** The same page with each item as {@code view} shows it. */
  public <V> Page<V> map(Function<T, V> view) {
    return new Page<>(items.stream().map(view).toList(), next);
  }

  /** 200 with the items, plus the next-page headers when there is a next page. */
  public <V> ResponseEntity<List<V>> respond(ServerHttpRequest request, Function<T, V> view) {
    HttpHeaders headers = new HttpHeaders();
    if (next != null) {
      String cursor = next.encode();
      String nextUri =
          UriComponentsBuilder.fromUri(request.getURI())
              .scheme(null)
              .host(null)
              .port(-1)
              .replaceQueryParam("before", cursor)
              .build(true)
              .toUriString();
      headers.add(HttpHeaders.LINK, "<" + nextUri + ">; rel=\"next\"");
      headers.add(NEXT_CURSOR, cursor);
    }
    return ResponseEntity.ok().headers(headers).body(items.stream().map(view).toList());
  }
}
