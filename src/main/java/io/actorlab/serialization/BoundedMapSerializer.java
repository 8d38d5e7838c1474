package io.actorlab.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Writes any map as its size and then each key and value with its class; reads it back into a map made
 * by {@code newMap}, then {@code finish} turns that into the type to return. The bounded counterpart of
 * {@link BoundedCollectionSerializer}: every entry takes at least two bytes, claimed before allocating.
 */
final class BoundedMapSerializer extends Serializer<Map<Object, Object>> {

  private final IntFunction<? extends Map<Object, Object>> newMap;
  private final Function<Map<Object, Object>, ? extends Map<Object, Object>> finish;

  private BoundedMapSerializer(
      IntFunction<? extends Map<Object, Object>> newMap,
      Function<Map<Object, Object>, ? extends Map<Object, Object>> finish) {
    this.newMap = newMap;
    this.finish = finish;
  }

  /** A mutable map rebuilt by {@code newMap(size)}. */
  static BoundedMapSerializer mutable(IntFunction<? extends Map<Object, Object>> newMap) {
    return new BoundedMapSerializer(newMap, Function.identity());
  }

  /** A map read into a LinkedHashMap and rebuilt from it by {@code finish} (for immutable ones). */
  static BoundedMapSerializer rebuilt(
      Function<Map<Object, Object>, ? extends Map<Object, Object>> finish) {
    return new BoundedMapSerializer(LinkedHashMap::new, finish);
  }

  /** Any other Map class the user registers: made through Kryo's instantiator. */
  static BoundedMapSerializer reflective(Kryo kryo, Class<?> type) {
    @SuppressWarnings("unchecked")
    Class<? extends Map<Object, Object>> mapType = (Class<? extends Map<Object, Object>>) type;
    return mutable(size -> kryo.newInstance(mapType));
  }

  /** The initial capacity of a hash map that will hold {@code size} entries without rehashing. */
  static int hashCapacity(int size) {
    return (int) Math.min(1L << 30, (long) (size / 0.75f) + 1);
  }

  @Override
  public void write(Kryo kryo, Output output, Map<Object, Object> map) {
    if (map instanceof SortedMap<?, ?> sorted && sorted.comparator() != null) {
      throw new KryoException(
          map.getClass().getName()
              + " with a comparator cannot be serialized: use one with natural"
              + " ordering, or a HashMap");
    }
    output.writeVarInt(map.size(), true);
    for (Map.Entry<Object, Object> entry : map.entrySet()) {
      kryo.writeClassAndObject(output, entry.getKey());
      kryo.writeClassAndObject(output, entry.getValue());
    }
  }

  @Override
  public Map<Object, Object> read(
      Kryo kryo, Input input, Class<? extends Map<Object, Object>> type) {
    int size = input.readVarInt(true);
    BoundedInput.claim(input, size, 2, type.getName());
    Map<Object, Object> map = newMap.apply(size);
    for (int i = 0; i < size; i++) {
      Object key = kryo.readClassAndObject(input);
      map.put(key, kryo.readClassAndObject(input));
    }
    return finish.apply(map);
  }
}
