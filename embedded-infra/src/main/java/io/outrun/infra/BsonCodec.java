package io.outrun.infra;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import org.h2.mvstore.WriteBuffer;

/**
 * Documents and single values as the MVStore file keeps them: BSON, written and read by
 * mongo-java-server's own wire codec, so a stored value reads back as the same types a client's
 * command decodes to. A single value is its BSON type byte and its BSON encoding; a value that is
 * absent ({@link Missing}, an index key of a document without the field) has a type byte of its
 * own.
 */
final class BsonCodec {

  /** Not a BSON type (0 ends a BSON document): an absent value. */
  static final byte MISSING = 0;

  private static final int SCRATCH_KEPT = 64 * 1024;

  /** Per thread: documents are encoded by the commit thread, keys by any command's thread. */
  private static final ThreadLocal<ByteBuf> SCRATCH =
      ThreadLocal.withInitial(() -> Unpooled.buffer(1024));

  private BsonCodec() {}

  static void writeDocument(WriteBuffer out, Document document) {
    ByteBuf scratch = scratch();
    BsonEncoder.encodeDocument(document, scratch);
    copy(scratch, out);
  }

  /** The document's size in BSON. */
  static int size(Document document) {
    ByteBuf scratch = scratch();
    BsonEncoder.encodeDocument(document, scratch);
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
      BsonEncoder.encodeValue(type, value, scratch);
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
    BsonEncoder.encodeValue(type, value, scratch);
    byte[] bytes = new byte[scratch.writerIndex()];
    scratch.getBytes(0, bytes);
    return bytes;
  }

  static byte type(Object value) {
    return value instanceof Missing ? MISSING : BsonEncoder.determineType(value);
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
