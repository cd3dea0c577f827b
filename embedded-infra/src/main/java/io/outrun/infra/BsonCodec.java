package io.outrun.infra;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.BsonConstants;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;
import java.util.stream.IntStream;
import org.h2.mvstore.WriteBuffer;

/**
 * Documents and single values as the MVStore file keeps them: BSON, read by mongo-java-server's own
 * wire codec, so a stored value reads back as the same types a client's command decodes to. A
 * single value is its BSON type byte and its BSON encoding; a value that is absent ({@link
 * Missing}, an index key of a document without the field) has a type byte of its own.
 *
 * <p>Written byte for byte as mongo-java-server's {@link BsonEncoder} writes it (its type for each
 * value, and its encoding of every type but three), without the garbage it makes: field names and
 * strings go into the buffer as UTF-8 directly, where it makes a byte array of each, and an array
 * is written element by element, where it copies it into a document keyed "0", "1"... first. The
 * commit thread encodes every document it stores, and the index keys of every write are encoded
 * too.
 */
final class BsonCodec {

  /** Not a BSON type (0 ends a BSON document): an absent value. */
  static final byte MISSING = 0;

  private static final int SCRATCH_KEPT = 64 * 1024;

  /** The field names of an array's first elements. */
  private static final String[] INDEXES =
      IntStream.range(0, 1024).mapToObj(String::valueOf).toArray(String[]::new);

  /** Per thread: documents are encoded by the commit thread, keys by any command's thread. */
  private static final ThreadLocal<ByteBuf> SCRATCH =
      ThreadLocal.withInitial(() -> Unpooled.buffer(1024));

  private BsonCodec() {}

  static void writeDocument(WriteBuffer out, Document document) {
    ByteBuf scratch = scratch();
    encodeDocument(document, scratch);
    copy(scratch, out);
  }

  /** The document's size in BSON. */
  static int size(Document document) {
    ByteBuf scratch = scratch();
    encodeDocument(document, scratch);
    return scratch.writerIndex();
  }

  static Document readDocument(ByteBuffer in) {
    ByteBuf source = Unpooled.wrappedBuffer(in);
    Document document = BsonDecoder.decodeBson(source);
    in.position(in.position() + source.readerIndex());
    return document;
  }

  static void writeValue(WriteBuffer out, Object value) {
    byte type = type(value);
    out.put(type);
    if (type != MISSING) {
      ByteBuf scratch = scratch();
      encodeValue(type, value, scratch);
      copy(scratch, out);
    }
  }

  static Object readValue(ByteBuffer in) {
    byte type = in.get();
    if (type == MISSING) {
      return Missing.getInstance();
    }
    ByteBuf source = Unpooled.wrappedBuffer(in);
    Object value = BsonDecoder.decodeValue(type, source);
    in.position(in.position() + source.readerIndex());
    return value;
  }

  /** The value's encoding, for comparing values that have no natural order of their own. */
  static byte[] valueBytes(Object value) {
    byte type = type(value);
    if (type == MISSING) {
      return new byte[] {MISSING};
    }
    ByteBuf scratch = scratch();
    scratch.writeByte(type);
    encodeValue(type, value, scratch);
    byte[] bytes = new byte[scratch.writerIndex()];
    scratch.getBytes(0, bytes);
    return bytes;
  }

  static byte type(Object value) {
    return value instanceof Missing ? MISSING : BsonEncoder.determineType(value);
  }

  /** As {@link BsonEncoder#encodeDocument}. */
  static void encodeDocument(Map<String, ?> document, ByteBuf out) {
    int start = out.writerIndex();
    out.writeIntLE(0); // the length, once known
    for (Map.Entry<String, ?> field : document.entrySet()) {
      encodeElement(field.getKey(), field.getValue(), out);
    }
    out.writeByte(BsonConstants.TERMINATING_BYTE);
    out.setIntLE(start, out.writerIndex() - start);
  }

  private static void encodeElement(String name, Object value, ByteBuf out) {
    byte type = BsonEncoder.determineType(value);
    out.writeByte(type);
    ByteBufUtil.writeUtf8(out, name);
    out.writeByte(BsonConstants.STRING_TERMINATION);
    encodeValue(type, value, out);
  }

  /** As {@link BsonEncoder#encodeValue(byte, Object, ByteBuf)}. */
  static void encodeValue(byte type, Object value, ByteBuf out) {
    switch (type) {
      case BsonConstants.TYPE_UTF8_STRING -> {
        int start = out.writerIndex();
        out.writeIntLE(0); // the length, once known
        int bytes = ByteBufUtil.writeUtf8(out, value.toString());
        out.writeByte(BsonConstants.STRING_TERMINATION);
        out.setIntLE(start, bytes + 1);
      }
      case BsonConstants.TYPE_EMBEDDED_DOCUMENT -> {
        @SuppressWarnings("unchecked")
        Map<String, ?> document = (Map<String, ?>) value;
        encodeDocument(document, out);
      }
      case BsonConstants.TYPE_ARRAY -> encodeArray(value, out);
      default -> BsonEncoder.encodeValue(type, value, out);
    }
  }

  /** An array (a collection): a document whose field names are the indexes, "0", "1"... */
  private static void encodeArray(Object value, ByteBuf out) {
    int start = out.writerIndex();
    out.writeIntLE(0); // the length, once known
    int index = 0;
    for (Object item : (Collection<?>) value) {
      encodeElement(index < INDEXES.length ? INDEXES[index] : String.valueOf(index), item, out);
      index++;
    }
    out.writeByte(BsonConstants.TERMINATING_BYTE);
    out.setIntLE(start, out.writerIndex() - start);
  }

  private static ByteBuf scratch() {
    ByteBuf scratch = SCRATCH.get();
    if (scratch.capacity() > SCRATCH_KEPT) { // one huge document does not stay with the thread
      scratch = Unpooled.buffer(1024);
      SCRATCH.set(scratch);
    }
    return scratch.clear();
  }

  private static void copy(ByteBuf scratch, WriteBuffer out) {
    out.put(scratch.array(), scratch.arrayOffset(), scratch.writerIndex());
  }
}
