package io.outrun.infra;

import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import java.util.Set;

/**
 * A driver's {@code countDocuments} (what Spring Data's {@code count} sends) answered as the {@code
 * count} command. The driver asks it as an aggregation, {@code [{$match: filter}, {$skip: n}?,
 * {$limit: n}?, {$group: {_id: 1, n: {$sum: 1}}}]}, and mongo-java-server runs every aggregation
 * over its whole collection: each stored document read and, from {@link UnsharedH2Collection} (a
 * result without a cursor is copied), copied, before {@code $match} looks at it. Its {@code count}
 * command matches the same filter with the same matcher, but keeps only each match's {@code _id}.
 * Creating 10,000 schedule triggers, each counted twice against the workspace's limits, took
 * minutes for those copies (docs/benchmarks.md, {@code bench schedules}).
 *
 * <p>Only that exact shape, with no option a {@code count} would not apply (a collation, a hint,
 * {@code let}), is answered so; any other aggregation is the server's.
 */
final class CountDocuments {

  /** What an aggregation may carry besides its pipeline and still be answered as a count. */
  private static final Set<String> PASSIVE_FIELDS =
      Set.of(
          "aggregate",
          "pipeline",
          "cursor",
          "$db",
          "lsid",
          "$clusterTime",
          "$readPreference",
          "readConcern",
          "maxTimeMS",
          "comment",
          "apiVersion",
          "apiStrict",
          "apiDeprecationErrors");

  private CountDocuments() {}

  /** The {@code count} command {@code aggregate} asks for, or null when it is not that shape. */
  static Document asCount(Document aggregate) {
    if (!(aggregate.get("aggregate") instanceof String collection)
        || !(aggregate.get("pipeline") instanceof List<?> pipeline)
        || !PASSIVE_FIELDS.containsAll(aggregate.keySet())
        || pipeline.size() < 2
        || pipeline.size() > 4) {
      return null;
    }
    Document filter = stage(pipeline.getFirst(), "$match") instanceof Document match ? match : null;
    if (filter == null || !isCountGroup(stage(pipeline.getLast(), "$group"))) {
      return null;
    }
    Document count = new Document("count", collection).append("query", filter);
    List<?> between = pipeline.subList(1, pipeline.size() - 1); // the driver's $skip, then $limit
    int next = 0;
    if (next < between.size()
        && stage(between.get(next), "$skip") instanceof Number skip
        && skip.longValue() > 0) {
      count.append("skip", skip);
      next++;
    }
    if (next < between.size()
        && stage(between.get(next), "$limit") instanceof Number limit
        && limit.longValue() > 0) {
      count.append("limit", limit);
      next++;
    }
    if (next < between.size()) {
      return null; // any other stage, or these in another order
    }
    return count.append("$db", aggregate.get("$db"));
  }

  /**
   * The aggregation's answer from the {@code count} command's: the group's one document when any
   * matched, none otherwise (as MongoDB and the server answer the pipeline); an error as it is.
   */
  static Document answer(String namespace, Document countResponse) {
    if (!(countResponse.get("n") instanceof Number n) || !CommandCounts.succeeded(countResponse)) {
      return countResponse;
    }
    List<Document> batch =
        n.longValue() == 0 ? List.of() : List.of(new Document("_id", 1).append("n", n.intValue()));
    Document cursor = new Document("id", 0L).append("ns", namespace).append("firstBatch", batch);
    Document response = new Document("cursor", cursor);
    Utils.markOkay(response);
    return response;
  }

  /** {@code {_id: 1, n: {$sum: 1}}}: the driver's group, which counts what reaches it. */
  private static boolean isCountGroup(Object group) {
    return group instanceof Document document
        && document.size() == 2
        && isOne(document.get("_id"))
        && document.get("n") instanceof Document sum
        && sum.size() == 1
        && isOne(sum.get("$sum"));
  }

  private static boolean isOne(Object value) {
    return (value instanceof Integer || value instanceof Long) && ((Number) value).longValue() == 1;
  }

  /** The value of a one-operator stage {@code {operator: value}}, or null. */
  private static Object stage(Object stage, String operator) {
    return stage instanceof Document document && document.size() == 1
        ? document.get(operator)
        : null;
  }
}
