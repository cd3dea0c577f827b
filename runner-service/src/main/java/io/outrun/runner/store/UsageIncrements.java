package io.outrun.runner.store;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a step, a run or several runs used, as the {@code $inc} of a document's {@code usage}
 * fields, in a fixed order: only the amounts that are not zero. A step or run that used nothing
 * (most do) then adds no field path for MongoDB to resolve (the in-process server compiles regular
 * expressions for each dotted path it updates), and a missing field reads as 0 (trigger-api reads
 * runs and stats so). Pure.
 */
final class UsageIncrements {

  private UsageIncrements() {}

  static Map<String, Number> of(RunDocument.Usage used) {
    Map<String, Number> inc = new LinkedHashMap<>();
    if (used.aiTokensUsed() != 0) {
      inc.put("usage.aiTokensUsed", used.aiTokensUsed());
    }
    if (used.estimatedCost() != 0) {
      inc.put("usage.estimatedCost", used.estimatedCost());
    }
    if (used.webhooksCalled() != 0) {
      inc.put("usage.webhooksCalled", used.webhooksCalled());
    }
    if (used.httpRequests() != 0) {
      inc.put("usage.httpRequests", used.httpRequests());
    }
    return inc;
  }
}
