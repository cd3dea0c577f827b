package io.outrun.infra;

import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The commands the server has answered, by name, as MongoDB's {@code serverStatus} reports them:
 * {@code metrics.commands.<name>.total} and {@code .failed} (one per command, however many
 * documents it carries) and {@code opcounters} ({@code insert} counts documents, {@code update} and
 * {@code delete} statements, {@code query} finds, {@code getmore} getMores, {@code command} the
 * rest). So a benchmark reads the same figures from the in-process server as from a real one.
 */
final class CommandCounts {

  private final Map<String, Counter> byName = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> ops = new ConcurrentHashMap<>();

  private record Counter(LongAdder total, LongAdder failed) {
    Counter() {
      this(new LongAdder(), new LongAdder());
    }
  }

  /** Counts {@code command} (its first key is its name); {@code response} null: it threw. */
  void count(Document command, Document response) {
    String name = command.isEmpty() ? "" : command.keySet().iterator().next();
    Counter counter = byName.computeIfAbsent(name, n -> new Counter());
    counter.total().increment();
    if (!succeeded(response)) {
      counter.failed().increment();
    }
    switch (name) {
      case "insert" -> op("insert", size(command.get("documents")));
      case "update" -> op("update", size(command.get("updates")));
      case "delete" -> op("delete", size(command.get("deletes")));
      case "find" -> op("query", 1);
      case "getMore" -> op("getmore", 1);
      default -> op("command", 1);
    }
  }

  /** Whether a command's answer says it succeeded ({@code ok: 1}); null (it threw) did not. */
  static boolean succeeded(Document response) {
    return response != null && response.get("ok") instanceof Number ok && ok.doubleValue() == 1.0;
  }

  /** {@code status} with {@code opcounters} and {@code metrics.commands} added. */
  Document addTo(Document status) {
    Document opcounters = new Document();
    for (String op : List.of("insert", "query", "update", "delete", "getmore", "command")) {
      LongAdder count = ops.get(op);
      opcounters.put(op, count == null ? 0L : count.sum());
    }
    status.put("opcounters", opcounters);
    Document commands = new Document();
    new TreeMap<>(byName)
        .forEach(
            (name, counter) ->
                commands.put(
                    name,
                    new Document("failed", counter.failed().sum())
                        .append("total", counter.total().sum())));
    Document metrics =
        status.get("metrics") instanceof Document existing ? existing : new Document();
    metrics.put("commands", commands);
    status.put("metrics", metrics);
    return status;
  }

  private void op(String op, int count) {
    ops.computeIfAbsent(op, o -> new LongAdder()).add(count);
  }

  private static int size(Object statements) {
    return statements instanceof List<?> list ? list.size() : 0;
  }
}
