package io.outrun.api.access;

import io.outrun.api.auth.Role;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpMethod;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * One route of the API: the role it needs, whether a call changes state (so it is audited whatever
 * its outcome; a read is audited only when refused), and the audit action it is recorded as ({@code
 * workflow.deploy}: object type, then verb). The object's id is the route's last path variable.
 *
 * @param method the HTTP method
 * @param pattern the path as the controller maps it ({@code /api/workflows/{id}/deploy})
 * @param needs the lowest role that may call it
 * @param changesState whether a call is audited whatever its outcome
 * @param action the audit action
 */
record RouteRule(
    HttpMethod method, PathPattern pattern, Role needs, boolean changesState, String action) {

  private static final Pattern LAST_VARIABLE = Pattern.compile(".*\\{([^}]+)}");

  static RouteRule read(String method, String path, Role needs, String action) {
    return new RouteRule(HttpMethod.valueOf(method), parse(path), needs, false, action);
  }

  static RouteRule write(String method, String path, Role needs, String action) {
    return new RouteRule(HttpMethod.valueOf(method), parse(path), needs, true, action);
  }

  private static PathPattern parse(String path) {
    return PathPatternParser.defaultInstance.parse(path);
  }

  /** The object type of the audit entry: the action up to its first dot. */
  String objectType() {
    return action.substring(0, action.indexOf('.'));
  }

  /** The name of the path variable naming the object, or null when the path has none. */
  String idVariable() {
    Matcher last = LAST_VARIABLE.matcher(pattern.getPatternString());
    return last.lookingAt() ? last.group(1) : null;
  }

  /** The path with its variables' names left out, so that routes compare by shape. */
  static String shape(String path) {
    return path.replaceAll("\\{[^}]*}", "{}");
  }
}
