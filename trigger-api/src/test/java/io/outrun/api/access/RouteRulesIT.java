package io.outrun.api.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.api.ApiTestSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/** Every route the application registers under /api/ declares the role it needs. */
class RouteRulesIT extends ApiTestSupport {

  @Autowired List<RequestMappingInfoHandlerMapping> mappings;

  @Test
  void everyRegisteredApiRouteDeclaresItsRole() {
    List<String> routes = registeredApiRoutes();

    assertThat(routes).hasSizeGreaterThan(40);
    assertThat(routes).allSatisfy(route -> assertThat(declared(route)).as(route).isTrue());
  }

  @Test
  void aRouteMissingFromTheTableIsFound() {
    assertThat(declared("POST /api/workflows/{id}/deploy")).isTrue();
    assertThat(declared("POST /api/workflows/{id}/explode")).isFalse();
    assertThat(declared("DELETE /api/audit")).isFalse();
  }

  private static boolean declared(String route) {
    String[] parts = route.split(" ", 2);
    return RouteRules.declares(parts[0], parts[1]);
  }

  /** Each method and path of every request mapping under /api/ (a mapping without methods: ANY). */
  private List<String> registeredApiRoutes() {
    List<String> routes = new ArrayList<>();
    for (RequestMappingInfoHandlerMapping mapping : mappings) {
      for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
        Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
        for (PathPattern pattern : info.getPatternsCondition().getPatterns()) {
          String path = pattern.getPatternString();
          if (!path.startsWith("/api/")) {
            continue;
          }
          if (methods.isEmpty()) {
            routes.add("ANY " + path);
          }
          methods.forEach(method -> routes.add(method.name() + " " + path));
        }
      }
    }
    return routes;
  }
}
