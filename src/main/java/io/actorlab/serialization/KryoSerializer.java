package io.actorlab.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.io.KryoBufferOverflowException;
import com.esotericsoftware.kryo.io.Output;
import java.io.OutputStream;
import java.lang.ref.SoftReference;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.serialization.JSerializer;

/**
 * The Pekko serializer for every {@link CrossesBoundary} message: Kryo, with every class registered
 * under a fixed id, and limits that keep a hostile or corrupt frame from exhausting memory.
 *
 * <p>Pekko creates one instance per actor system, from {@code pekko.actor.serializers}, and calls it
 * from many threads at once. Kryo instances are not thread-safe, so each call borrows one from a
 * lock-free {@link SlotPool}, together with the output buffer and input it reuses; an instance that
 * threw is dropped rather than returned, in case Kryo left state behind.
 *
 * <p>The wire format is Kryo's class id followed by the object, with no manifest: a frame is only
 * readable by a node with the same registrations (see {@code actorlab.serialization} in {@code
 * reference.conf}).
 */
public final class KryoSerializer extends JSerializer {

  /** This serializer's id in Pekko's envelope; Pekko reserves 0-40. Changing it breaks the wire. */
  public static final int IDENTIFIER = 1_734_001;

  /** Instances kept for reuse; more may exist under load, and the surplus is dropped when returned. */
  private static final int POOL_CAPACITY =
      Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

  /**
   * A buffer that grew for a big message is kept for the next while it is at most this large: a 1 MiB
   * payload, whose buffer doubles to 2 MiB, then costs no fresh buffer per message. It is held by a
   * soft reference, so the garbage collector can still take it back when memory runs short.
   */
  private static final int RETAINED_BUFFER_BYTES = 4 << 20;

  private static final byte[] NO_BYTES = new byte[0];

  private final SerializationSettings settings;
  private final ClassRegistry registry;
  private final BoundaryMeter meter;
  private final SlotPool<PooledKryo> pool;

  /**
   * Called by Pekko with the actor system it serializes for.
   *
   * @throws com.typesafe.config.ConfigException if {@code actorlab.serialization} is invalid or names a
   *     class that is not on the classpath
   */
  public KryoSerializer(ExtendedActorSystem system) {
    this.settings = SerializationSettings.create(system.settings().config());
    this.registry = new ClassRegistry(settings, system);
    this.meter = BoundaryMeter.get(system);
    this.pool = new SlotPool<>(POOL_CAPACITY, () -> new PooledKryo(registry.newKryo(), settings));
    pool.free(
        pool.obtain()); // build one now: a broken registration fails at start, not at first send
  }

  @Override
  public int identifier() {
    return IDENTIFIER;
  }

  @Override
  public boolean includeManifest() {
    return false;
  }

  /** The settings this serializer was created with. */
  public SerializationSettings settings() {
    return settings;
  }

  /**
   * Serializes a message, counting it in the system's {@link BoundaryMeter}.
   *
   * @throws UnserializableMessageException naming the class to register, or the size over the limit
   */
  @Override
  public byte[] toBinary(Object message) {
    return serialize(message, metered(message.getClass()));
  }

  /**
   * Reads a message written by {@link #toBinary} on a node with the same registrations.
   *
   * @param manifest ignored: the class id is in the bytes
   * @throws RejectedFrameException when the bytes break a limit or do not decode to a registered message
   */
  @Override
  public Object fromBinaryJava(byte[] bytes, Class<?> manifest) {
    return deserialize(bytes, true);
  }

  /** Only what is counted when sent is counted when read. */
  private static boolean metered(Class<?> type) {
    return !Unmetered.class.isAssignableFrom(type);
  }

  /**
   * Serializes a value and reads it back without sending or counting anything: the pre-flight check
   * behind {@link SerializabilityCheck}. Any object graph, not only a {@link CrossesBoundary} message.
   *
   * @return the value's serialized size in bytes
   * @throws UnserializableMessageException saying what cannot be serialized and how to fix it
   */
  public int check(Object value) {
    byte[] bytes = serialize(value, false);
    if (value == null) {
      return bytes.length; // fine inside a message; Pekko itself never sends a null message
    }
    try {
      deserialize(bytes, false);
    } catch (RejectedFrameException e) {
      throw UnserializableMessageException.unreadable(value.getClass(), e);
    }
    return bytes.length;
  }

  /**
   * Serializes a value without reading it back, sending or counting it: the cheaper check for values
   * of a class that already passed {@link #check}, whose size may still exceed the limit.
   *
   * @return the value's serialized size in bytes
   * @throws UnserializableMessageException saying what cannot be serialized and how to fix it
   */
  public int checkSize(Object value) {
    return serialize(value, false).length;
  }

  private byte[] serialize(Object value, boolean count) {
    PooledKryo borrowed = pool.obtain();
    try {
      Output output = borrowed.output();
      BoundaryMeter.Counters counters = count ? meter.of(value.getClass()) : null;
      int weight = counters == null ? 0 : counters.sentWeight();
      long start = weight > 0 ? System.nanoTime() : 0;
      borrowed.kryo.writeClassAndObject(output, value);
      byte[] bytes = output.toBytes();
      long weightedNanos = weight > 0 ? (System.nanoTime() - start) * weight : 0;
      if (counters != null) {
        counters.recordSent(bytes.length, weightedNanos);
      }
      borrowed.afterWrite(output);
      pool.free(borrowed);
      return bytes;
    } catch (RuntimeException e) {
      throw unserializable(value, e);
    }
  }

  private Object deserialize(byte[] bytes, boolean count) {
    if (bytes.length > settings.maxMessageBytes()) {
      throw new RejectedFrameException(
          bytes.length,
          "over the limit of "
              + settings.maxMessageBytes()
              + " bytes ("
              + SerializationSettings.MAX_MESSAGE_BYTES_KEY
              + ")",
          null);
    }
    PooledKryo borrowed = pool.obtain();
    try {
      borrowed.input.setBuffer(bytes);
      // The class comes first: it decides whether this message is timed (see BoundaryMeter).
      Registration registration = borrowed.kryo.readClass(borrowed.input);
      BoundaryMeter.Counters counters =
          count && registration != null && metered(registration.getType())
              ? meter.of(registration.getType())
              : null;
      int weight = counters == null ? 0 : counters.receivedWeight();
      long start = weight > 0 ? System.nanoTime() : 0;
      Object value =
          registration == null ? null : borrowed.kryo.readObject(borrowed.input, registration.getType());
      long weightedNanos = weight > 0 ? (System.nanoTime() - start) * weight : 0;
      int trailing = borrowed.input.limit() - borrowed.input.position();
      borrowed.input.setBuffer(NO_BYTES);
      if (value == null || trailing != 0) {
        // Our own frames hold exactly one non-null object: anything else was not written by a node
        // with these registrations.
        throw new RejectedFrameException(
            bytes.length,
            value == null
                ? "it holds no message"
                : "it decodes to a "
                    + value.getClass().getName()
                    + " with "
                    + trailing
                    + " bytes left"
                    + " over: do all nodes have the same actorlab.serialization lists?",
            null);
      }
      if (counters != null) {
        counters.recordReceived(bytes.length, weightedNanos);
      }
      pool.free(borrowed);
      return value;
    } catch (RejectedFrameException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new RejectedFrameException(bytes.length, oneLine(e), e);
    }
  }

  private UnserializableMessageException unserializable(Object value, RuntimeException e) {
    Class<?> type = value.getClass(); // null always serializes
    UnregisteredClassException unregistered = cause(e, UnregisteredClassException.class);
    if (unregistered != null) {
      return UnserializableMessageException.unregistered(
          type, unregistered.type(), path(unregistered));
    }
    if (cause(e, KryoBufferOverflowException.class) != null) {
      return UnserializableMessageException.tooLarge(
          type, sizeOf(value), settings.maxMessageBytes());
    }
    if (tooDeep(e)) {
      return UnserializableMessageException.tooDeep(type, settings.maxDepth(), e);
    }
    return UnserializableMessageException.failed(type, oneLine(e), e);
  }

  // The real size of a message over the limit, for the error message: serialized again into a
  // stream that only counts, so no buffer of that size is ever allocated. Returns -1 if it fails
  // again.
  private long sizeOf(Object value) {
    CountingStream counter = new CountingStream();
    PooledKryo borrowed = pool.obtain();
    try (Output output = new Output(counter, 8192)) {
      borrowed.kryo.writeClassAndObject(output, value);
      output.flush();
      pool.free(borrowed);
      return counter.count;
    } catch (RuntimeException e) {
      return -1;
    }
  }

  private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  // Kryo puts the field path after "Serialization trace:", innermost first, one per line.
  private static String path(KryoException e) {
    String message = String.valueOf(e.getMessage());
    int at = message.indexOf("Serialization trace:");
    if (at < 0) {
      return "";
    }
    return " Where: "
        + String.join(
            " < ", message.substring(at + "Serialization trace:".length()).strip().split("\n"));
  }

  // Kryo has no type for this one; its message is all there is to go on.
  private static boolean tooDeep(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof KryoException
          && String.valueOf(t.getMessage()).startsWith("Max depth exceeded")) {
        return true;
      }
    }
    return false;
  }

  private static String oneLine(Throwable e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    return message.replace("\nSerialization trace:", " | at:").replace('\n', ' ');
  }

  /**
   * A Kryo instance with the output buffer and input it reuses; used by one thread at a time. The
   * buffer of buffer-size is held strongly; one that grew for a big message (up to {@link
   * #RETAINED_BUFFER_BYTES}) softly, and it serves every message while the collector leaves it.
   */
  private static final class PooledKryo {
    final Kryo kryo;
    final BoundedInput input = new BoundedInput();
    private final SerializationSettings settings;
    private Output small;
    private SoftReference<Output> grown;

    PooledKryo(Kryo kryo, SerializationSettings settings) {
      this.kryo = kryo;
      this.settings = settings;
      this.small = newOutput();
    }

    /** The output to write the next message into: the grown buffer while it lasts, else the small. */
    Output output() {
      if (grown != null) {
        Output kept = grown.get();
        if (kept != null) {
          return kept;
        }
        grown = null;
      }
      return small;
    }

    /** Readies {@code used}, which a message was just written to, for the next message. */
    void afterWrite(Output used) {
      int size = used.getBuffer().length;
      if (size > Math.max(settings.bufferSize(), RETAINED_BUFFER_BYTES)) {
        grown = null; // too big to keep even softly
        if (used == small) {
          small = newOutput();
        }
      } else if (used == small && size > settings.bufferSize()) {
        grown = new SoftReference<>(used);
        used.reset();
        small = newOutput();
      } else {
        used.reset();
      }
    }

    private Output newOutput() {
      return new Output(settings.bufferSize(), settings.maxMessageBytes());
    }
  }

  private static final class CountingStream extends OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }
}
