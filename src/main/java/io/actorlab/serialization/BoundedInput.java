package io.actorlab.serialization;

import com.esotericsoftware.kryo.io.Input;

/**
 * A Kryo {@link Input} over one frame that refuses declared lengths the frame cannot hold.
 *
 * <p>Kryo 5.6.2 allocates an array as soon as it has read its declared length (Kryo issue 1282), so a
 * frame of a few bytes could ask for gigabytes. Every element of an array, collection, map or string
 * takes at least one byte of the frame, and those bytes are distinct: an element in a collection starts
 * with its own class id byte, a string's characters and a primitive array's values are bytes of their
 * own. So two checks, made before anything is allocated, bound what a frame can make us allocate:
 *
 * <ul>
 *   <li>a declared length times the element's minimum size must fit in the bytes that remain;
 *   <li>the sum of every length declared in the frame must fit in the frame. Without this a frame nests
 *       containers, each declaring "the rest of the frame", and multiplies its allocation by the depth.
 * </ul>
 *
 * <p>Our own serializers (arrays, collections, maps) call {@link #claim} before they allocate. This
 * class also overrides the {@code Input} methods that allocate by a length read from the frame, so
 * everything else that reads through them is checked too: strings wherever they are read (Kryo's
 * FieldSerializer reads String fields without going through the registered serializer), BigInteger
 * and BigDecimal bytes, and any serializer a user adds. Our serializers do not call those methods, so
 * nothing is claimed twice.
 */
final class BoundedInput extends Input {

  /** Bytes of the frame already promised to declared elements. */
  private long claimed;

  BoundedInput() {
    super(0);
  }

  @Override
  public void setBuffer(byte[] bytes, int offset, int count) {
    super.setBuffer(bytes, offset, count);
    claimed = 0;
  }

  /**
   * Checks that {@code count} elements of at least {@code minBytesEach} bytes fit in what remains of
   * the frame, and in the frame's total, and records them.
   *
   * @param what the kind of container, for the error message ("int[]", "java.util.ArrayList")
   */
  void claim(long count, int minBytesEach, String what) {
    if (count < 0) {
      throw new FrameLimitException(what + " declares a negative length (" + count + ")");
    }
    long needed = count * minBytesEach;
    int remaining = limit - position;
    if (needed > remaining) {
      throw new FrameLimitException(
          what
              + " declares "
              + count
              + " elements (at least "
              + needed
              + " bytes) but only "
              + remaining
              + " bytes remain in the frame");
    }
    claimed += needed;
    if (claimed > limit) {
      throw new FrameLimitException(
          what
              + " declares "
              + count
              + " elements, which brings the elements declared in this frame to "
              + claimed
              + " bytes' worth, more than its "
              + limit
              + " bytes can hold");
    }
  }

  /** Checks a length read by a serializer that does not run inside this input (tests, user code). */
  static void claim(Input input, long count, int minBytesEach, String what) {
    if (input instanceof BoundedInput bounded) {
      bounded.claim(count, minBytesEach, what);
    } else if (count < 0 || count * minBytesEach > input.limit() - input.position()) {
      throw new FrameLimitException(
          what
              + " declares "
              + count
              + " elements but only "
              + (input.limit() - input.position())
              + " bytes remain in the frame");
    }
  }

  @Override
  public String readString() {
    checkUtf8Length("java.lang.String");
    return super.readString();
  }

  @Override
  public StringBuilder readStringBuilder() {
    checkUtf8Length("java.lang.StringBuilder");
    return super.readStringBuilder();
  }

  // Kryo writes a string either as ASCII bytes ending in a byte with the high bit set (read as it
  // comes, so bounded by the frame already), or as a flagged char count followed by UTF-8 chars of
  // 1-3 bytes each: that count is checked before Kryo sizes its char buffer by it.
  private void checkUtf8Length(String what) {
    if (position == limit || (buffer[position] & 0x80) == 0) {
      return;
    }
    int start = position;
    int countPlusOne = readVarIntFlag(true);
    position = start;
    if (countPlusOne == 0 || countPlusOne == 1) {
      return; // null or ""
    }
    claim(countPlusOne - 1L, 1, what);
  }

  @Override
  public byte[] readBytes(int length) {
    claim(length, 1, "byte[]");
    return super.readBytes(length);
  }

  @Override
  public int[] readInts(int length) {
    claim(length, 4, "int[]");
    return super.readInts(length);
  }

  @Override
  public int[] readInts(int length, boolean optimizePositive) {
    if (!varEncoding) {
      return readInts(length);
    }
    claim(length, 1, "int[]");
    return super.readInts(length, optimizePositive);
  }

  @Override
  public long[] readLongs(int length) {
    claim(length, 8, "long[]");
    return super.readLongs(length);
  }

  @Override
  public long[] readLongs(int length, boolean optimizePositive) {
    if (!varEncoding) {
      return readLongs(length);
    }
    claim(length, 1, "long[]");
    return super.readLongs(length, optimizePositive);
  }

  @Override
  public float[] readFloats(int length) {
    claim(length, 4, "float[]");
    return super.readFloats(length);
  }

  @Override
  public double[] readDoubles(int length) {
    claim(length, 8, "double[]");
    return super.readDoubles(length);
  }

  @Override
  public short[] readShorts(int length) {
    claim(length, 2, "short[]");
    return super.readShorts(length);
  }

  @Override
  public char[] readChars(int length) {
    claim(length, 2, "char[]");
    return super.readChars(length);
  }

  @Override
  public boolean[] readBooleans(int length) {
    claim(length, 1, "boolean[]");
    return super.readBooleans(length);
  }
}
