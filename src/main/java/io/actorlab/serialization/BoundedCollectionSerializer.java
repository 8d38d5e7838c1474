package io.actorlab.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.ArrayList;
import java.util.Collection;
import java.util.SortedSet;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Writes any collection as its size and then each element with its class; reads it back into a
 * collection made by {@code newCollection}, then {@code finish} turns that into the type to return
 * (for instance {@code List.of(...)} for the JDK's immutable lists, which reflection cannot build).
 *
 * <p>Replaces Kryo's CollectionSerializer, whose format lets an element take zero bytes (all-null
 * collections, empty records of one class), so a tiny frame could declare a billion of them. Here each
 * element carries its class id or null marker, at least one byte, and the size is {@linkplain
 * BoundedInput#claim claimed} before anything is allocated. The cost is one byte per element that
 * Kryo's format saves when all elements share a class.
 */
final class BoundedCollectionSerializer extends Serializer<Collection<Object>> {

  private final IntFunction<? extends Collection<Object>> newCollection;
  private final Function<Collection<Object>, ? extends Collection<Object>> finish;

  private BoundedCollectionSerializer(
      IntFunction<? extends Collection<Object>> newCollection,
      Function<Collection<Object>, ? extends Collection<Object>> finish) {
    this.newCollection = newCollection;
    this.finish = finish;
  }

  /** A mutable collection rebuilt by {@code newCollection(size)}. */
  static BoundedCollectionSerializer mutable(
      IntFunction<? extends Collection<Object>> newCollection) {
    return new BoundedCollectionSerializer(newCollection, Function.identity());
  }

  /** A collection read into an ArrayList and rebuilt from it by {@code finish} (for immutable ones). */
  static BoundedCollectionSerializer rebuilt(
      Function<Collection<Object>, ? extends Collection<Object>> finish) {
    return new BoundedCollectionSerializer(ArrayList::new, finish);
  }

  /** Any other Collection class the user registers: made through Kryo's instantiator. */
  static BoundedCollectionSerializer reflective(Kryo kryo, Class<?> type) {
    @SuppressWarnings("unchecked")
    Class<? extends Collection<Object>> collectionType = (Class<? extends Collection<Object>>) type;
    return mutable(size -> kryo.newInstance(collectionType));
  }

  @Override
  public void write(Kryo kryo, Output output, Collection<Object> collection) {
    // A comparator is code: it cannot cross, and rebuilding without it would reorder the elements.
    if (collection instanceof SortedSet<?> sorted && sorted.comparator() != null) {
      throw new KryoException(
          collection.getClass().getName()
              + " with a comparator cannot be serialized: use one with natural"
              + " ordering, or a List");
    }
    output.writeVarInt(collection.size(), true);
    for (Object element : collection) {
      kryo.writeClassAndObject(output, element);
    }
  }

  @Override
  public Collection<Object> read(Kryo kryo, Input input, Class<? extends Collection<Object>> type) {
    int size = input.readVarInt(true);
    BoundedInput.claim(input, size, 1, type.getName());
    Collection<Object> collection = newCollection.apply(size);
    for (int i = 0; i < size; i++) {
      collection.add(kryo.readClassAndObject(input));
    }
    return finish.apply(collection);
  }
}
