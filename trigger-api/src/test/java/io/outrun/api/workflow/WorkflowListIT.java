package io.outrun.api.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.api.ApiTestSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/** {@code GET /api/workflows}: newest first, a page at a time, archived ones only on request. */
class WorkflowListIT extends ApiTestSupport {

  private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST =
      new ParameterizedTypeReference<>() {};

  private final String workspace = "ws-" + UUID.randomUUID();

  @Test
  void pagesFollowTheNextLinkUntilEveryWorkflowWasShownOnce() {
    WebTestClient api = as("u1", workspace);
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      created.add(createWorkflow(api, validWorkflow("w" + i)));
    }
    List<String> all = ids(get(api, "/api/workflows").getResponseBody());

    List<String> paged = new ArrayList<>();
    String next = "/api/workflows?limit=2";
    int pages = 0;
    while (next != null) {
      EntityExchangeResult<List<Map<String, Object>>> page = get(api, next);
      assertThat(page.getResponseBody()).hasSizeLessThanOrEqualTo(2);
      paged.addAll(ids(page.getResponseBody()));
      next = nextLink(page);
      pages++;
    }

    assertThat(pages).isEqualTo(3);
    assertThat(paged).isEqualTo(all).containsExactlyInAnyOrderElementsOf(created);
  }

  @Test
  void lastPageHasNoNextLink() {
    WebTestClient api = as("u1", workspace);
    createWorkflow(api, validWorkflow("only"));

    EntityExchangeResult<List<Map<String, Object>>> page = get(api, "/api/workflows?limit=1");

    assertThat(page.getResponseBody()).hasSize(1);
    assertThat(page.getResponseHeaders().get("Link")).isNull();
  }

  @Test
  void nextCursorHeaderWorksAsBefore() {
    WebTestClient api = as("u1", workspace);
    createWorkflow(api, validWorkflow("a"));
    createWorkflow(api, validWorkflow("b"));

    EntityExchangeResult<List<Map<String, Object>>> first = get(api, "/api/workflows?limit=1");
    String cursor = first.getResponseHeaders().getFirst("X-Next-Cursor");
    List<Map<String, Object>> second =
        get(api, "/api/workflows?limit=1&before=" + cursor).getResponseBody();

    assertThat(ids(second)).hasSize(1).doesNotContainAnyElementsOf(ids(first.getResponseBody()));
  }

  @Test
  void archivedWorkflowsAreListedOnlyWhenAskedFor() {
    WebTestClient api = as("u1", workspace);
    String kept = createWorkflow(api, validWorkflow("kept"));
    String archived = createWorkflow(api, validWorkflow("archived"));
    api.delete().uri("/api/workflows/{id}", archived).exchange().expectStatus().isOk();

    assertThat(ids(get(api, "/api/workflows").getResponseBody())).containsExactly(kept);
    assertThat(ids(get(api, "/api/workflows?status=archived").getResponseBody()))
        .containsExactly(archived);
    assertThat(ids(get(api, "/api/workflows?status=draft").getResponseBody()))
        .containsExactly(kept);
  }

  @Test
  void badCursorStatusOrLimitIs400() {
    WebTestClient api = as("u1", workspace);

    for (String uri :
        List.of(
            "/api/workflows?before=not-a-cursor",
            "/api/workflows?before=" + "A".repeat(1_500),
            "/api/workflows?status=deleted",
            "/api/workflows?limit=many")) {
      api.get().uri(uri).exchange().expectStatus().isBadRequest();
    }
  }

  private static EntityExchangeResult<List<Map<String, Object>>> get(
      WebTestClient api, String uri) {
    return api.get().uri(uri).exchange().expectStatus().isOk().expectBody(LIST).returnResult();
  }

  /** The target of {@code Link: <...>; rel="next"}, or null. */
  static String nextLink(EntityExchangeResult<?> result) {
    String link = result.getResponseHeaders().getFirst("Link");
    if (link == null) {
      return null;
    }
    assertThat(link).endsWith("; rel=\"next\"");
    return link.substring(link.indexOf('<') + 1, link.indexOf('>'));
  }

  private static List<String> ids(List<Map<String, Object>> items) {
    return items.stream().map(item -> (String) item.get("id")).toList();
  }
}
