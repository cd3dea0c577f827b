package io.outrun.infra;

import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which commands may change stored data, so they run between commits ({@link ConsistentCommits}).
 * Only commands known to read nothing but data are let through without; anything else, a command
 * unknown here included, is treated as a write, which is always safe and only costs a commit.
 */
final class DataCommands {

  private static final Set<String> READ_ONLY =
      Set.of(
          "find",
          "getmore",
          "count",
          "distinct",
          "listcollections",
          "listindexes",
          "listdatabases",
          "ismaster",
          "hello",
          "ping",
          "buildinfo",
          "serverstatus",
          "dbstats",
          "collstats",
          "killcursors",
          "endsessions",
          "getlasterror",
          "getparameter",
          "getlog",
          "whatsmyuri",
          "connectionstatus",
          "hostinfo",
          "getcmdlineopts",
          "getfreemonitoringstatus");

  private DataCommands() {}

  static boolean mayChangeData(String command, Document body) {
    String name = command.toLowerCase(Locale.ROOT);
    if ("aggregate".equals(name)) {
      return writesOutput(body);
    }
    return !READ_ONLY.contains(name);
  }

  /** An aggregation ending in {@code $out} or {@code $merge} writes its result to a collection. */
  private static boolean writesOutput(Document aggregate) {
    return aggregate.get("pipeline") instanceof List<?> stages
        && stages.stream()
            .anyMatch(
                stage ->
                    stage instanceof Document document
                        && (document.containsKey("$out") || document.containsKey("$merge")));
  }
}
