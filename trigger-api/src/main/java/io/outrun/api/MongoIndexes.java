package io.outrun.api;

import java.util.List;
import org.springframework.data.mongodb.core.index.Index;

/**
 * Indexes a feature's queries need. Each feature declares its own as a bean; {@link MongoSetup}
 * creates all of them at startup.
 */
public record MongoIndexes(List<CollectionIndex> indexes) {

  /** One index of one collection. */
  public record CollectionIndex(String collection, Index index) {}

  public static MongoIndexes of(CollectionIndex... indexes) {
    return new MongoIndexes(List.of(indexes));
  }

  public static CollectionIndex on(String collection, Index index) {
    return new CollectionIndex(collection, index);
  }
}
