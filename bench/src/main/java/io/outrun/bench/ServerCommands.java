package io.outrun.bench;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.bson.Document;

/**
 * The MongoDB commands the stack sends, by name: the server's own count ({@code serverStatus}'s
 * {@code metrics.commands.<name>.total}, which MongoDB and the in-process server both report) less
 * the commands this benchmark sent itself (its clients count them as they send them). Every client
 * the benchmark opens comes from {@link #client}, so its commands are left out.
 */
final class ServerCommands implements AutoCloseable {

  private final Map<String, LongAdder> own = new ConcurrentHashMap<>();
  private final String mongoUri;
  private final MongoClient status;

  ServerCommands(String mongoUri) {
    this.mongoUri = mongoUri;
    this.status = client();
  }

  /** A client whose commands are counted as the benchmark's own. */
  MongoClient client() {
    CommandListener counting =
        new CommandListener() {
          @Override
          public void commandStarted(CommandStartedEvent event) {
            own.computeIfAbsent(event.getCommandName(), name -> new LongAdder()).increment();
          }
        };
    return MongoClients.create(
        MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString(mongoUri))
            .addCommandListener(counting)
            .build());
  }

  /**
   * The stack's commands so far by name (the server's count less the benchmark's); empty when the
   * server does not report them.
   */
  Map<String, Long> stackSoFar() {
    Map<String, Long> counts = new TreeMap<>();
    Document status = this.status.getDatabase("admin").runCommand(new Document("serverStatus", 1));
    if (status.get("metrics") instanceof Document metrics
        && metrics.get("commands") instanceof Document commands) {
      commands.forEach(
          (name, value) -> {
            if (value instanceof Document command && command.get("total") instanceof Number n) {
              LongAdder mine = own.get(name);
              counts.put(name, n.longValue() - (mine == null ? 0 : mine.sum()));
            }
          });
    }
    return counts;
  }

  @Override
  public void close() {
    status.close();
  }
}
