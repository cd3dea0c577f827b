package io.outrun.listener.datachange;

import io.outrun.events.TriggerType;
import io.outrun.listener.registry.FireableTrigger;
import io.outrun.listener.registry.TriggerRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.mongodb.autoconfigure.MongoProperties;
import org.springframework.stereotype.Component;

/**
 * The data-change triggers the registry can fire, and what each watches ({@link WatchSpec}): in the
 * service's own database, Outrun's collections are refused.
 */
@Component
class WatchableTriggers {

  private final TriggerRegistry registry;
  private final String ownDatabase;

  WatchableTriggers(TriggerRegistry registry, MongoProperties mongo) {
    this.registry = registry;
    this.ownDatabase = mongo.getMongoClientDatabase();
  }

  /** The fireable data-change triggers, by id. */
  Map<String, FireableTrigger> fireable() {
    Map<String, FireableTrigger> fireable = new LinkedHashMap<>();
    for (FireableTrigger trigger : registry.all(TriggerType.DATA_CHANGE)) {
      fireable.put(trigger.triggerId(), trigger);
    }
    return fireable;
  }

  WatchSpec.Result watch(FireableTrigger trigger) {
    return WatchSpec.of(trigger, ownDatabase);
  }
}
