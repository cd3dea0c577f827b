package io.outrun.triggers;

import java.time.Instant;
import java.util.Set;

/**
 * What checking a requested config needs beyond the config itself: the workflow the trigger belongs
 * to (it may not depend on itself), the time (a cron must fire after it), and the service's own
 * database with the collections Outrun keeps in it (a data-change trigger may not watch them).
 */
public record RequestContext(
    String workflowId, Instant now, String ownDatabase, Set<String> ownCollections) {

  public RequestContext {
    ownCollections = Set.copyOf(ownCollections);
  }
}
