package io.actorlab.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.SerializerFactory;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.serializers.DefaultSerializers;
import com.esotericsoftware.kryo.util.DefaultClassResolver;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import com.typesafe.config.ConfigException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRef;
import org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * The classes Kryo may write and read, each with a fixed id, and the Kryo instances configured with
 * them.
 *
 * <p>Ids are positions in fixed lists, so two nodes agree on them exactly when they run the same
 * actorlab and the same {@code builtin} and {@code register} lists:
 *
 * <ul>
 *   <li>0-8: Kryo's own primitives and String (boxed numbers share their primitive's id);
 *   <li>{@value #FIRST_JDK_ID}-{@code 99}: the JDK types user data is made of, in the order of {@link
 *       #jdkTypes} (append only);
 *   <li>{@link SerializationSettings#FIRST_BUILTIN_ID} on: {@code builtin}, then {@code register}.
 * </ul>
 *
 * Ids below 126 take one byte on the wire, so the first 26 or so configured classes cost one byte each.
 */
final class ClassRegistry {

  static final int FIRST_JDK_ID = 10;

  private final SerializationSettings settings;
  private final ClassLoader classLoader;
  private final ActorRefSerializer actorRefSerializer;
  private final List<JdkType> jdkTypes;
  private final List<Configured> configured;

  /** A class named in the config, with the key and the name it was given under. */
  private record Configured(Class<?> type, String key, String name) {}

  /** One JDK type with the serializer it needs, or null for Kryo's default one. */
  private record JdkType(Class<?> type, Function<Kryo, Serializer<?>> serializer) {}

  /**
   * Resolves the configured class names now, so a typo fails when the serializer is created (when the
   * actor system starts) rather than at the first message.
   *
   * @throws ConfigException.BadValue naming the key and the class that is not on the classpath
   */
  ClassRegistry(SerializationSettings settings, ExtendedActorSystem system) {
    this.settings = settings;
    this.classLoader = system.dynamicAccess().classLoader();
    this.actorRefSerializer = new ActorRefSerializer(system);
    this.jdkTypes = jdkTypes();
    if (FIRST_JDK_ID + jdkTypes.size() > SerializationSettings.FIRST_BUILTIN_ID) {
      throw new IllegalStateException("JDK types overflow into the builtin id range");
    }
    List<Configured> classes = new ArrayList<>();
    for (String name : settings.builtin()) {
      classes.add(
          new Configured(
              resolve(name, SerializationSettings.BUILTIN_KEY),
              SerializationSettings.BUILTIN_KEY,
              name));
    }
    for (String name : settings.register()) {
      classes.add(
          new Configured(
              resolve(name, SerializationSettings.REGISTER_KEY),
              SerializationSettings.REGISTER_KEY,
              name));
    }
    this.configured = List.copyOf(classes);
  }

  /** A new Kryo instance with every registration; not thread-safe, so one per pooled slot. */
  Kryo newKryo() {
    Kryo kryo = new GuardedKryo();
    kryo.setRegistrationRequired(true);
    kryo.setReferences(false);
    kryo.setMaxDepth(settings.maxDepth());
    kryo.setClassLoader(classLoader);
    // Records use their canonical constructor; other classes a no-arg constructor when they have
    // one, else Objenesis. Only registered classes are ever instantiated.
    kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));

    // Defaults for classes the user registers: collections, maps and object arrays get our bounded
    // serializers instead of Kryo's (see BoundedInput for why).
    kryo.addDefaultSerializer(Collection.class, factory(BoundedCollectionSerializer::reflective));
    kryo.addDefaultSerializer(Map.class, factory(BoundedMapSerializer::reflective));
    kryo.addDefaultSerializer(Object[].class, new BoundedObjectArraySerializer());
    kryo.addDefaultSerializer(EnumSet.class, DefaultSerializers.EnumSetSerializer.class);
    kryo.addDefaultSerializer(ActorRef.class, actorRefSerializer);

    int id = FIRST_JDK_ID;
    for (JdkType jdk : jdkTypes) {
      if (jdk.serializer() == null) {
        kryo.register(jdk.type(), id++);
      } else {
        kryo.register(jdk.type(), jdk.serializer().apply(kryo), id++);
      }
    }
    id = SerializationSettings.FIRST_BUILTIN_ID;
    for (Configured entry : configured) {
      try {
        kryo.register(entry.type(), id++);
      } catch (RuntimeException e) {
        throw unusable(entry, e);
      }
    }
    return kryo;
  }

  // Kryo builds a class's serializer when it is registered; for a JDK class that means reflection
  // into java.base, which JDK 17 refuses (InaccessibleObjectException).
  private static ConfigException.BadValue unusable(Configured entry, RuntimeException e) {
    boolean jdk = entry.type().getModule().isNamed();
    return new ConfigException.BadValue(
        entry.key(),
        "class \""
            + entry.name()
            + "\" cannot be registered with Kryo: "
            + e.getMessage()
            + (jdk
                ? ". It is a JDK class actorlab does not register itself; carry its value in a"
                      + " field of a record of yours instead (for example an AtomicLong's long)"
                : ""),
        e);
  }

  /** The name to write in {@code actorlab.serialization.register} for a class. */
  static String configName(Class<?> type) {
    return type.isArray() ? configName(type.getComponentType()) + "[]" : type.getName();
  }

  // Order is the wire format: append new types at the end, never reorder or remove.
  private List<JdkType> jdkTypes() {
    List<JdkType> types = new ArrayList<>();
    Map<Class<?>, Serializer<?>> primitiveArrays = PrimitiveArraySerializers.all();
    for (Class<?> array :
        List.of(
            byte[].class,
            short[].class,
            int[].class,
            long[].class,
            float[].class,
            double[].class,
            char[].class,
            boolean[].class)) {
      types.add(new JdkType(array, kryo -> primitiveArrays.get(array)));
    }
    types.add(new JdkType(String[].class, kryo -> new BoundedObjectArraySerializer()));
    types.add(new JdkType(Object[].class, kryo -> new BoundedObjectArraySerializer()));
    types.add(new JdkType(BigInteger.class, null));
    types.add(new JdkType(BigDecimal.class, null));

    types.add(mutable(ArrayList.class, ArrayList::new));
    types.add(mutable(LinkedList.class, size -> new LinkedList<>()));
    types.add(mutable(ArrayDeque.class, ArrayDeque::new));
    types.add(
        mutable(HashSet.class, size -> new HashSet<>(BoundedMapSerializer.hashCapacity(size))));
    types.add(
        mutable(
            LinkedHashSet.class,
            size -> new LinkedHashSet<>(BoundedMapSerializer.hashCapacity(size))));
    types.add(mutable(TreeSet.class, size -> new TreeSet<>()));
    types.add(
        mutableMap(HashMap.class, size -> new HashMap<>(BoundedMapSerializer.hashCapacity(size))));
    types.add(
        mutableMap(
            LinkedHashMap.class,
            size -> new LinkedHashMap<>(BoundedMapSerializer.hashCapacity(size))));
    types.add(mutableMap(TreeMap.class, size -> new TreeMap<>()));
    types.add(
        mutableMap(
            ConcurrentHashMap.class,
            size -> new ConcurrentHashMap<>(BoundedMapSerializer.hashCapacity(size))));

    // java.util.ImmutableCollections: no constructor reflection may call, so rebuilt through the
    // factories.
    for (Class<?> list :
        List.of(
            List.of().getClass(),
            List.of(1).getClass(),
            List.of(1, 2, 3).subList(0, 2).getClass())) {
      types.add(rebuilt(list, ClassRegistry::immutableList));
    }
    for (Class<?> set : List.of(Set.of().getClass(), Set.of(1).getClass())) {
      types.add(rebuilt(set, elements -> Set.of(elements.toArray())));
    }
    for (Class<?> map : List.of(Map.of().getClass(), Map.of(1, 1).getClass())) {
      types.add(rebuiltMap(map, ClassRegistry::immutableMap));
    }
    types.add(
        new JdkType(
            Collections.emptyList().getClass(),
            kryo -> new DefaultSerializers.CollectionsEmptyListSerializer()));
    types.add(
        new JdkType(
            Collections.emptySet().getClass(),
            kryo -> new DefaultSerializers.CollectionsEmptySetSerializer()));
    types.add(
        new JdkType(
            Collections.emptyMap().getClass(),
            kryo -> new DefaultSerializers.CollectionsEmptyMapSerializer()));
    types.add(
        new JdkType(
            Collections.singletonList(1).getClass(),
            kryo -> new DefaultSerializers.CollectionsSingletonListSerializer()));
    types.add(
        new JdkType(
            Collections.singleton(1).getClass(),
            kryo -> new DefaultSerializers.CollectionsSingletonSetSerializer()));
    types.add(
        new JdkType(
            Collections.singletonMap(1, 1).getClass(),
            kryo -> new DefaultSerializers.CollectionsSingletonMapSerializer()));
    types.add(rebuilt(Arrays.asList().getClass(), elements -> Arrays.asList(elements.toArray())));
    types.add(
        rebuilt(
            Collections.unmodifiableList(new ArrayList<>()).getClass(),
            elements -> Collections.unmodifiableList((List<Object>) elements)));
    types.add(
        rebuilt(
            Collections.unmodifiableList(new LinkedList<>()).getClass(),
            elements -> Collections.unmodifiableList(new LinkedList<>(elements))));
    types.add(
        rebuilt(
            Collections.unmodifiableSet(new HashSet<>()).getClass(),
            elements -> Collections.unmodifiableSet(new LinkedHashSet<>(elements))));
    types.add(
        rebuilt(
            Collections.unmodifiableCollection(new ArrayList<>()).getClass(),
            Collections::unmodifiableCollection));
    types.add(
        rebuiltMap(
            Collections.unmodifiableMap(new HashMap<>()).getClass(), Collections::unmodifiableMap));

    for (Class<?> optional :
        List.of(Optional.class, OptionalInt.class, OptionalLong.class, OptionalDouble.class)) {
      types.add(new JdkType(optional, null));
    }
    for (Class<?> time :
        List.of(
            Instant.class,
            Duration.class,
            LocalDate.class,
            LocalTime.class,
            LocalDateTime.class,
            ZonedDateTime.class,
            Period.class)) {
      types.add(new JdkType(time, null));
    }
    types.add(new JdkType(UUID.class, kryo -> new UuidSerializer()));
    // The class behind every typed ActorRef of a running system (checked in pekko-actor-typed
    // 1.7.0).
    types.add(
        new JdkType(
            org.apache.pekko.actor.typed.internal.adapter.ActorRefAdapter.class,
            kryo -> actorRefSerializer));
    return List.copyOf(types);
  }

  // List.of refuses nulls, but Stream.toList() makes the same class with nulls allowed.
  private static Collection<Object> immutableList(Collection<Object> elements) {
    Object[] array = elements.toArray();
    for (Object element : array) {
      if (element == null) {
        return Collections.unmodifiableList(Arrays.asList(array));
      }
    }
    return List.of(array);
  }

  @SuppressWarnings("unchecked")
  private static Map<Object, Object> immutableMap(Map<Object, Object> entries) {
    return Map.ofEntries(entries.entrySet().toArray(new Map.Entry[0]));
  }

  private static JdkType mutable(
      Class<?> type, java.util.function.IntFunction<? extends Collection<Object>> newCollection) {
    return new JdkType(type, kryo -> BoundedCollectionSerializer.mutable(newCollection));
  }

  private static JdkType mutableMap(
      Class<?> type, java.util.function.IntFunction<? extends Map<Object, Object>> newMap) {
    return new JdkType(type, kryo -> BoundedMapSerializer.mutable(newMap));
  }

  private static JdkType rebuilt(
      Class<?> type, Function<Collection<Object>, ? extends Collection<Object>> finish) {
    return new JdkType(type, kryo -> BoundedCollectionSerializer.rebuilt(finish));
  }

  private static JdkType rebuiltMap(
      Class<?> type, Function<Map<Object, Object>, ? extends Map<Object, Object>> finish) {
    return new JdkType(type, kryo -> BoundedMapSerializer.rebuilt(finish));
  }

  private static <S extends Serializer<?>> SerializerFactory<S> factory(
      java.util.function.BiFunction<Kryo, Class<?>, S> create) {
    return new SerializerFactory.BaseSerializerFactory<>() {
      @Override
      public S newSerializer(Kryo kryo, Class type) {
        return create.apply(kryo, type);
      }
    };
  }

  private Class<?> resolve(String name, String key) {
    int dimensions = 0;
    String base = name;
    while (base.endsWith("[]")) {
      dimensions++;
      base = base.substring(0, base.length() - 2);
    }
    Class<?> type = PRIMITIVES.get(base);
    if (type == null) {
      type = load(base);
    } else if (dimensions == 0) {
      throw new ConfigException.BadValue(
          key, "\"" + name + "\" is a primitive type; Kryo registers those itself");
    }
    if (type == null) {
      throw new ConfigException.BadValue(
          key, "class \"" + name + "\" is not on the classpath" + nestedHint(base));
    }
    if (type.isInterface() && dimensions == 0) {
      throw new ConfigException.BadValue(
          key,
          "\""
              + name
              + "\" is an interface; only concrete classes travel, so register the records or"
              + " classes that implement it");
    }
    for (int i = 0; i < dimensions; i++) {
      type = type.arrayType();
    }
    return type;
  }

  private Class<?> load(String name) {
    try {
      return Class.forName(name, false, classLoader); // false: do not run its static initializer
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }

  // "com.example.Outer.Inner" is the source-code name of what the JVM calls
  // "com.example.Outer$Inner".
  private String nestedHint(String name) {
    String candidate = name;
    int dot;
    while ((dot = candidate.lastIndexOf('.')) > 0) {
      candidate = candidate.substring(0, dot) + '$' + candidate.substring(dot + 1);
      if (load(candidate) != null) {
        return " (did you mean \"" + candidate + "\"? nested classes are written Outer$Inner)";
      }
    }
    return "";
  }

  private static final Map<String, Class<?>> PRIMITIVES =
      Map.of(
          "byte",
          byte.class,
          "short",
          short.class,
          "int",
          int.class,
          "long",
          long.class,
          "float",
          float.class,
          "double",
          double.class,
          "char",
          char.class,
          "boolean",
          boolean.class);

  /**
   * Kryo with our two refusals: a class name on the wire is refused before any class is loaded (we
   * never write names, since every class is registered), and an unregistered class raises an
   * exception that keeps the class.
   */
  private static final class GuardedKryo extends Kryo {

    GuardedKryo() {
      super(new IdOnlyClassResolver(), null);
    }

    // Kryo calls this only to build the message of the exception it is about to throw; throwing our
    // own instead keeps the Class object for UnserializableMessageException.
    @Override
    protected String unregisteredClassMessage(Class type) {
      throw new UnregisteredClassException(type);
    }
  }

  private static final class IdOnlyClassResolver extends DefaultClassResolver {

    @Override
    protected Registration readName(Input input) {
      throw new KryoException(
          "the frame names a class instead of giving a registered class id; class names are never"
              + " accepted (only registered classes may cross)");
    }
  }
}
