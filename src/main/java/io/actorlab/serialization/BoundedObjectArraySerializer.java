package io.actorlab.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.lang.reflect.Array;

/**
 * Writes an array of objects ({@code String[]}, {@code Object[]}, {@code Foo[]}) as its length plus one
 * (zero means null) and then each element with its class. Replaces Kryo's ObjectArraySerializer and
 * StringArraySerializer, which allocate the array at its declared length before reading an element;
 * here the length is {@linkplain BoundedInput#claim claimed} first (each element takes at least one
 * byte, its class id or null marker).
 */
final class BoundedObjectArraySerializer extends Serializer<Object[]> {

  BoundedObjectArraySerializer() {
    super(true);
  }

  @Override
  public void write(Kryo kryo, Output output, Object[] array) {
    if (array == null) {
      output.writeByte(Kryo.NULL);
      return;
    }
    output.writeVarInt(array.length + 1, true);
    for (Object element : array) {
      kryo.writeClassAndObject(output, element);
    }
  }

  @Override
  public Object[] read(Kryo kryo, Input input, Class<? extends Object[]> type) {
    int lengthPlusOne = input.readVarInt(true);
    if (lengthPlusOne == Kryo.NULL) {
      return null;
    }
    int length = lengthPlusOne - 1;
    BoundedInput.claim(input, length, 1, type.getComponentType().getName() + "[]");
    Object[] array = (Object[]) Array.newInstance(type.getComponentType(), length);
    for (int i = 0; i < length; i++) {
      array[i] = kryo.readClassAndObject(input);
    }
    return array;
  }
}
