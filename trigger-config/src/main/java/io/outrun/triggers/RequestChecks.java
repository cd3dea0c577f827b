package io.outrun.triggers;

/**
 * The checks of a requested config that need the request's context: a workflow that depends on
 * itself, and a data-change trigger on one of Outrun's own collections. (A cron that never fires
 * from now on is refused while it is read, {@link ScheduleRule}.)
 */
final class RequestChecks {

  private RequestChecks() {}

  static void check(TriggerConfig config, ConfigFields fields, RequestContext context) {
    switch (config) {
      case DependencyConfig dependency
          when dependency.dependsOnWorkflowId().equals(context.workflowId()) ->
          fields.reject(DependencyRule.UPSTREAM, "a workflow cannot depend on itself");
      case DataChangeConfig dataChange
          when dataChange.watchesOwnCollection(context.ownDatabase(), context.ownCollections()) ->
          fields.reject(
              "collection",
              "'"
                  + dataChange.collection()
                  + "' is one of Outrun's internal collections and cannot be watched");
      case null, default -> {}
    }
  }
}
