package io.outrun.deploy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Every variable a deployment file gives a service must name a property the service reads. */
final class EnvironmentCheck {

  /** Read by the JVM itself, not by Spring. */
  static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "TZ");

  private static final Pattern BINDABLE = Pattern.compile("[A-Z][A-Z0-9_]*");

  private EnvironmentCheck() {}

  /**
   * @param where the file and service, for the message
   * @return one problem per variable that binds to nothing the service reads
   */
  static List<String> unread(
      String where, String service, Collection<String> variables, PropertyCatalog catalog) {
    List<String> problems = new ArrayList<>();
    for (String variable : variables) {
      if (JVM_VARIABLES.contains(variable)) {
        continue;
      }
      if (!BINDABLE.matcher(variable).matches()) {
        problems.add(
            where + ": " + variable + " is not an upper-case environment variable Spring binds");
      } else if (catalog.propertyOf(variable).isEmpty()) {
        problems.add(where + ": " + variable + " names no property " + service + " reads");
      }
    }
    return problems;
  }
}
