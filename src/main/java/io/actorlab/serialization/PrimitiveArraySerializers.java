package io.actorlab.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.Map;

/**
 * Bounded serializers for the eight primitive array types, in Kryo's wire format (length + 1, zero for
 * null, then the values: ints and longs as zig-zag varints, the rest fixed-size).
 *
 * <p>Kryo's own ones cannot be trusted to check a length: most allocate inside {@code Input} (which
 * {@link BoundedInput} checks), but Kryo 5.6.2's BooleanArraySerializer allocates {@code new
 * boolean[length]} itself, so six bytes could take a gigabyte. These claim the length first, then
 * allocate, then read element by element without allocating again.
 */
final class PrimitiveArraySerializers {

  private PrimitiveArraySerializers() {}

  /** A serializer for each primitive array class. */
  static Map<Class<?>, Serializer<?>> all() {
    return Map.of(
        byte[].class, new Bytes(),
        short[].class, new Shorts(),
        int[].class, new Ints(),
        long[].class, new Longs(),
        float[].class, new Floats(),
        double[].class, new Doubles(),
        char[].class, new Chars(),
        boolean[].class, new Booleans());
  }

  /** Reads the length + 1 header; returns -1 for null, else the claimed length. */
  private static int readLength(Input input, int minBytesEach, String what) {
    int lengthPlusOne = input.readVarInt(true);
    if (lengthPlusOne == Kryo.NULL) {
      return -1;
    }
    int length = lengthPlusOne - 1;
    BoundedInput.claim(input, length, minBytesEach, what);
    return length;
  }

  private static boolean writeLength(Output output, Object array, int length) {
    if (array == null) {
      output.writeByte(Kryo.NULL);
      return false;
    }
    output.writeVarInt(length + 1, true);
    return true;
  }

  private abstract static class ArraySerializer<T> extends Serializer<T> {
    ArraySerializer() {
      super(true); // accepts null: the length header says null
    }
  }

  static final class Bytes extends ArraySerializer<byte[]> {
    @Override
    public void write(Kryo kryo, Output output, byte[] array) {
      if (writeLength(output, array, array == null ? 0 : array.length)) {
        output.writeBytes(array);
      }
    }

    @Override
    public byte[] read(Kryo kryo, Input input, Class<? extends byte[]> type) {
      int length = readLength(input, 1, "byte[]");
      if (length < 0) {
        return null;
      }
      byte[] array = new byte[length];
      input.readBytes(array, 0, length);
      return array;
    }
  }

  static final class Shorts extends ArraySerializer<short[]> {
    @Override
    public void write(Kryo kryo, Output output, short[] array) {
      if (writeLength(output, array, array == null ? 0 : array.length)) {
        output.writeShorts(array, 0, array.length);
      }
    }

    @Override
    public short[] read(Kryo kryo, Input input, Class<? extends short[]> type) {
      int length = readLength(input, 2, "short[]");
      if (length < 0) {
        return null;
      }
      short[] array = new short[length];
      for (int i = 0; i < length; i++) {
        array[i] = input.readShort();
      }
      return array;
    }
  }

  static final class Ints extends ArraySerializer<int[]> {
    @Override
    public void write(Kryo kryo, Output output, int[] array) {
      if (writeLength(output, array, array == null ? 0 : array.length)) {
        output.writeInts(array, 0, array.length, false);
      }
    }

    @Override
    public int[] read(Kryo kryo, Input input, Class<? extends int[]> type) {
      int length = readLength(input, 1, "int[]");
      if (length < 0) {
        return null;
      }
      int[] array = new int[length];
      for (int i = 0; i < length; i++) {
        array[i] = input.readInt(false);
      }
      return array;
    }
  }

  static final class Longs extends ArraySerializer<long[]> {
    @Override
    public void write(Kryo kryo, Output output, long[] array) {
      if (writeLength(output, array, array == null ? 0 : array.length)) {
        output.writeLongs(array, 0, array.length, false);
      }
    }

    @Override
    public long[] read(Kryo kryo, Input input, Class<? extends long[]> type) {
      int length = readLength(input, 1, "long[]");
      if (length < 0) {
        return null;
      }
      long[] array = new long[length];
      for (int i = 0; i < length; i++) {
        array[i] = input.readLong(false);
      }
      return array;
    }
  }

  static final class Floats extends ArraySerializer<float[]> {
    @Override
    public void write(Kryo kryo, Output output, float[] array) {
      if (writeLength(output, array, array == null ? 0 : array.length)) {
        output.writeFloats(array, 0, array.length);
      }
    }

    @Override
    public float[] read(Kryo kryo, Input input, Class<? extends float[]> type) {
      int length = readLength(input, 4, "float[]");
      if (length < 0) {
        return null;
      }
      float[] array = new float[length];
      for (int i = 0; i < length; i++) {
        array[i] = input.readFloat();
      }
      return array;
    }
  }

  static final class Doubles extends ArraySerializer<double[]> {
    @Override
    public void write(Kryo kryo, Output output, double[] array) {
      if (writeLength(output, array, array == null ? 0 : array.length)) {
        output.writeDoubles(array, 0, array.length);
      }
    }

    @Override
    public double[] read(Kryo kryo, Input input, Class<? extends double[]> type) {
      int length = readLength(input, 8, "double[]");
      if (length < 0) {
        return null;
      }
      double[] array = new double[length];
      for (int i = 0; i < length; i++) {
        array[i] = input.readDouble();
      }
      return array;
    }
  }

  static final class Chars extends ArraySerializer<char[]> {
    @Override
    public void write(Kryo kryo, Output output, char[] array) {
      if (writeLength(output, array, array == null ? 0 : array.length)) {
        output.writeChars(array, 0, array.length);
      }
    }

    @Override
    public char[] read(Kryo kryo, Input input, Class<? extends char[]> type) {
      int length = readLength(input, 2, "char[]");
      if (length < 0) {
        return null;
      }
      char[] array = new char[length];
      for (int i = 0; i < length; i++) {
        array[i] = input.readChar();
      }
      return array;
    }
  }

  static final class Booleans extends ArraySerializer<boolean[]> {
    @Override
    public void write(Kryo kryo, Output output, boolean[] array) {
      if (writeLength(output, array, array == null ? 0 : array.length)) {
        output.writeBooleans(array, 0, array.length);
      }
    }

    @Override
    public boolean[] read(Kryo kryo, Input input, Class<? extends boolean[]> type) {
      int length = readLength(input, 1, "boolean[]");
      if (length < 0) {
        return null;
      }
      boolean[] array = new boolean[length];
      for (int i = 0; i < length; i++) {
        array[i] = input.readBoolean();
      }
      return array;
    }
  }
}
