package io.outrun.api;

import java.util.List;
import org.springframework.data.domain.Sort;
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

  /**
   * An index on {@code key}, then {@code time} newest first: the shape of every "one owner's
   * entries, newest first" query. A caller may add keys after these two.
   */
  public static Index newestFirst(String key, String time, String name) {
    return new Index().on(key, Sort.Direction.ASC).on(time, Sort.Direction.DESC).named(name);
  }
}
