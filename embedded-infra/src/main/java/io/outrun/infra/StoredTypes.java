package io.outrun.infra;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * How the MVStore file keeps mongo-java-server's maps (the H2 backend left it to MVStore's default,
 * Java serialization of every document and key, which was most of the in-process server's CPU):
 *
 * <ul>
 *   <li>{@link #DOCUMENTS}: a document as BSON;
 *   <li>{@link #KEYS}: a document's {@code _id} (a collection's key and an index entry's value) as
 *       a BSON value, ordered by {@link #compareKeys};
 *   <li>{@link #INDEX_KEYS}: a unique index's key (one value per indexed field), ordered field by
 *       field.
 * </ul>
 *
 * <p>Two keys are the same key exactly when they are equal Java values, as with the default type
 * (which compared their serialized bytes): values of one class with a natural order use it;
 * anything else is ordered by BSON type, then by its encoding.
 */
final class StoredTypes {

  static final BasicDataType<Document> DOCUMENTS = new DocumentType();
  static final BasicDataType<Object> KEYS = new KeyType();
  static final BasicDataType<KeyValue> INDEX_KEYS = new IndexKeyType();

  private StoredTypes() {}

  @SuppressWarnings({"unchecked", "rawtypes"}) // same class, and that class is Comparable
  static int compareKeys(Object a, Object b) {
    if (a == b) {
      return 0;
    }
    if (a != null && b != null && a.getClass() == b.getClass() && naturallyOrdered(a.getClass())) {
      return ((Comparable) a).compareTo(b);
    }
    int byType = Byte.compare(BsonCodec.type(a), BsonCodec.type(b));
    if (byType != 0) {
      return byType;
    }
    return Arrays.compareUnsigned(BsonCodec.valueBytes(a), BsonCodec.valueBytes(b));
  }

  /**
   * Strings, numbers, booleans, ObjectIds, timestamps, dates and UUIDs. Compared by identity, most
   * frequent first ({@code _id}s, oplog timestamps): this runs twice at every step of every B-tree
   * search, where looking the class up in a set was a tenth of the server's index work.
   */
  private static boolean naturallyOrdered(Class<?> type) {
    return type == String.class
        || type == BsonTimestamp.class
        || type == ObjectId.class
        || type == Long.class
        || type == Integer.class
        || type == Double.class
        || type == Boolean.class
        || type == Instant.class
        || type == UUID.class;
  }

  /** Roughly what a value holds on the heap: MVStore sizes pages and its cache by it. */
  static int memory(Object value) {
    return switch (value) {
      case null -> 8;
      case String text -> 48 + text.length();
      case Map<?, ?> map -> {
        int sum = 64;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          sum += 40 + memory(entry.getKey()) + memory(entry.getValue());
        }
        yield sum;
      }
      case Collection<?> items -> {
        int sum = 40;
        for (Object item : items) {
          sum += 8 + memory(item);
        }
        yield sum;
      }
      default -> 24;
    };
  }

  private static final class DocumentType extends BasicDataType<Document> {
    @Override
    public int getMemory(Document document) {
      return memory(document);
    }

    @Override
    public void write(WriteBuffer buff, Document document) {
      BsonCodec.writeDocument(buff, document);
    }

    @Override
    public Document read(ByteBuffer buff) {
      return BsonCodec.readDocument(buff);
    }

    @Override
    public Document[] createStorage(int size) {
      return new Document[size];
    }
  }

  private static final class KeyType extends BasicDataType<Object> {
    @Override
    public int getMemory(Object key) {
      return memory(key);
    }

    @Override
    public void write(WriteBuffer buff, Object key) {
      BsonCodec.writeValue(buff, key);
    }

    @Override
    public Object read(ByteBuffer buff) {
      return BsonCodec.readValue(buff);
    }

    @Override
    public int compare(Object a, Object b) {
      return compareKeys(a, b);
    }

    @Override
    public Object[] createStorage(int size) {
      return new Object[size];
    }
  }

  private static final class IndexKeyType extends BasicDataType<KeyValue> {
    @Override
    public int getMemory(KeyValue key) {
      int sum = 32;
      for (Object value : key) {
        sum += 8 + memory(value);
      }
      return sum;
    }

    @Override
    public void write(WriteBuffer buff, KeyValue key) {
      buff.putVarInt(key.size());
      for (Object value : key) {
        BsonCodec.writeValue(buff, value);
      }
    }

    @Override
    public KeyValue read(ByteBuffer buff) {
      int size = DataUtils.readVarInt(buff);
      List<Object> values = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        values.add(BsonCodec.readValue(buff));
      }
      return new KeyValue(values);
    }

    @Override
    public int compare(KeyValue a, KeyValue b) {
      int common = Math.min(a.size(), b.size());
      for (int i = 0; i < common; i++) {
        int byValue = compareKeys(a.get(i), b.get(i));
        if (byValue != 0) {
          return byValue;
        }
      }
      return Integer.compare(a.size(), b.size());
    }

    @Override
    public KeyValue[] createStorage(int size) {
      return new KeyValue[size];
    }
  }
}
