package io.outrun.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outrun.api.error.ProblemException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageCursorTest {

  private static final Instant AT = Instant.parse("2026-03-08T07:00:00.123Z");

  @Test
  void encodedCursorReadsBackWithIdsHoldingColons() {
    PageCursor cursor = new PageCursor(AT, "wf:1:x");

    assertThat(PageCursor.parse(cursor.encode())).isEqualTo(cursor);
    assertThat(cursor.encode()).doesNotContain("=", "+", "/");
  }

  @Test
  void isoInstantMeansStrictlyBeforeIt() {
    assertThat(PageCursor.parse("2026-03-08T07:00:00.123Z")).isEqualTo(new PageCursor(AT, null));
  }

  @Test
  void absentBeforeIsTheFirstPage() {
    assertThat(PageCursor.parse(null)).isNull();
    assertThat(PageCursor.parse("")).isNull();
  }

  @Test
  void anythingElseIsA400() {
    for (String bad : List.of("yesterday", "bm8tY29sb24", "eDpmb28", "%%%", "A".repeat(1_001))) {
      assertThatThrownBy(() -> PageCursor.parse(bad))
          .as(bad)
          .isInstanceOfSatisfying(
              ProblemException.class, e -> assertThat(e.status().value()).isEqualTo(400));
    }
  }

  @Test
  void pageOfOneMoreThanTheLimitNamesTheLastShownItem() {
    Page<String> page = Page.of(List.of("c", "b", "a"), 2, id -> new PageCursor(AT, id));

    assertThat(page.items()).containsExactly("c", "b");
    assertThat(page.next()).isEqualTo(new PageCursor(AT, "b"));
    assertThat(Page.of(List.of("c", "b"), 2, id -> new PageCursor(AT, id)).next()).isNull();
  }
}
