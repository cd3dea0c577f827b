package io.outrun.api.workspace;

import java.util.regex.Pattern;

/**
 * A workspace slug: 2 to 63 characters of {@code a-z}, {@code 0-9} and {@code -}, starting with a
 * letter or digit. It is the first segment of a webhook's readable address, so it holds no {@code
 * /} and is lower case only. Pure.
 */
final class WorkspaceSlug {

  static final String RULE =
      "must be 2 to 63 characters of a-z, 0-9 and -, starting with a letter or digit";

  private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

  private WorkspaceSlug() {}

  static boolean valid(String slug) {
    return slug != null && SLUG.matcher(slug).matches();
  }
}
