package io.outrun.service.retention;

import java.util.List;

/**
 * The collections a service owns and keeps under retention; a service declares one as a bean and
 * {@link RetentionConfiguration} indexes and sweeps them.
 */
public record RetainedCollections(List<RetentionRule> rules) {

  public static RetainedCollections of(RetentionRule... rules) {
    return new RetainedCollections(List.of(rules));
  }
}
