package io.outrun.api.input;

import java.io.ByteArrayInputStream;
import java.io.CharConversionException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import tools.jackson.core.io.IOContext;
import tools.jackson.core.io.InputDecorator;

/**
 * Checks that a request body's bytes are well-formed UTF-8 (RFC 3629: no stray continuation bytes,
 * no overlong forms, no surrogates, nothing above U+10FFFF) as the JSON parser reads them. The
 * parser checks most of this itself, but not in object keys it has seen before: there, Jackson
 * 3.1's symbol table matches {@code "\xFFto"} to an earlier {@code "to"}, so a body with a broken
 * key is read as if it were fine. Readers (text already decoded) pass as they are.
 */
final class WellFormedUtf8 extends InputDecorator {

  @Override
  public InputStream decorate(IOContext context, InputStream in) {
    return new Checked(in);
  }

  @Override
  public InputStream decorate(IOContext context, byte[] source, int offset, int length) {
    return new Checked(new ByteArrayInputStream(source, offset, length));
  }

  @Override
  public Reader decorate(IOContext context, Reader reader) {
    return reader;
  }

  private static CharConversionException malformed(long at) {
    return new CharConversionException("the body is not well-formed UTF-8 (at byte " + at + ")");
  }

  /** The bytes of {@code in}, failing at the first one that breaks UTF-8. */
  private static final class Checked extends FilterInputStream {

    private final Utf8State state = new Utf8State();
    private long position;

    Checked(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b < 0) {
        atEnd();
      } else if (!state.accept((byte) b)) {
        throw malformed(position);
      } else {
        position++;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int read = super.read(buffer, offset, length);
      if (read < 0) {
        atEnd();
      }
      for (int i = offset; i < offset + read; i++, position++) {
        if (!state.accept(buffer[i])) {
          throw malformed(position);
        }
      }
      return read;
    }

    /** Skipped bytes are read, so they are checked too. */
    @Override
    public long skip(long n) throws IOException {
      byte[] scratch = new byte[(int) Math.min(n, 8192)];
      long skipped = 0;
      while (skipped < n) {
        int read = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
        if (read < 0) {
          break;
        }
        skipped += read;
      }
      return skipped;
    }

    private void atEnd() throws CharConversionException {
      if (!state.complete()) {
        throw malformed(position);
      }
    }
  }

  /** Where a byte sequence is in UTF-8: how many continuation bytes follow, and their range. */
  private static final class Utf8State {

    private int pending;
    private int low = 0x80;
    private int high = 0xBF;

    boolean complete() {
      return pending == 0;
    }

    boolean accept(byte value) {
      int b = value & 0xFF;
      if (pending > 0) {
        if (b < low || b > high) {
          return false;
        }
        pending--;
        low = 0x80;
        high = 0xBF;
        return true;
      }
      if (b < 0x80) {
        return true;
      }
      if (b >= 0xC2 && b <= 0xDF) {
        pending = 1;
      } else if (b >= 0xE0 && b <= 0xEF) {
        pending = 2;
        low = b == 0xE0 ? 0xA0 : 0x80;
        high = b == 0xED ? 0x9F : 0xBF;
      } else if (b >= 0xF0 && b <= 0xF4) {
        pending = 3;
        low = b == 0xF0 ? 0x90 : 0x80;
        high = b == 0xF4 ? 0x8F : 0xBF;
      } else {
        return false;
      }
      return true;
    }
  }
}
