package io.actorlab.serialization;

import io.actorlab.measure.BoundaryStats;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.actor.AbstractExtensionId;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.Extension;

/**
 * What went through {@link KryoSerializer} in one actor system, per message class: messages and bytes
 * sent and received, and the time spent serializing and deserializing them. One per actor system (a
 * Pekko extension), reached through {@link #get}.
 *
 * <p>A message is counted as sent where it is serialized and as received where it is read, so adding
 * the snapshots of every node counts each message once on each side. Bytes are Kryo's payload, without
 * Pekko's envelope around it. Pre-flight checks ({@link SerializabilityCheck}) and {@link Unmetered}
 * messages are not counted.
 *
 * <p>Counters are {@link LongAdder}s: many dispatcher and transport threads serialize at once, and a
 * snapshot taken while they do may mix counts from slightly different instants.
 *
 * <p>Messages and bytes are exact; times are sampled once a class is busy. Reading the clock twice
 * costs ~50-100 ns per message on virtual machines (more where the clock is not the TSC), as much as
 * Kryo's own work on a small message, so the serializer asks the class's {@link Counters} before
 * each message whether to time it: the first {@value #ALWAYS_TIMED} of a class each way are all timed,
 * then one in {@value #SAMPLE_ONE_IN}, picked at random, counts for {@value #SAMPLE_ONE_IN}.
 * Each timed message adds its time times its weight, so the totals are unbiased estimates (exact for
 * classes with few messages, where a sample would say least) and the difference of two snapshots
 * estimates the time between them.
 */
public final class BoundaryMeter implements Extension {

  /** A class's first messages each way are all timed. */
  static final int ALWAYS_TIMED = 64;

  /** After them, one message in this many is timed, and counts for this many. */
  static final int SAMPLE_ONE_IN = 8;

  private static final Id ID = new Id();

  private final Map<Class<?>, Counters> byType = new ConcurrentHashMap<>();

  private BoundaryMeter() {}

  /** The meter of an actor system, classic or typed. */
  public static BoundaryMeter get(ClassicActorSystemProvider system) {
    return ID.get(system);
  }

  /** The counters so far; subtract an earlier snapshot with {@link BoundaryStats#minus}. */
  public BoundaryStats snapshot() {
    Map<String, BoundaryStats.Traffic> traffic = new TreeMap<>();
    byType.forEach((type, counters) -> traffic.put(type.getName(), counters.snapshot()));
    return new BoundaryStats(traffic);
  }

  /** The counters of one message class: looked up once per message, then asked and told. */
  Counters of(Class<?> type) {
    Counters counters = byType.get(type); // no lock on the common path
    return counters != null ? counters : byType.computeIfAbsent(type, t -> new Counters());
  }

  private static int weight(LongAdder messagesSoFar) {
    if (messagesSoFar.sum() < ALWAYS_TIMED) {
      return 1;
    }
    return ThreadLocalRandom.current().nextInt(SAMPLE_ONE_IN) == 0 ? SAMPLE_ONE_IN : 0;
  }

  /** What crossed for one message class, each way. */
  static final class Counters {
    private final LongAdder sent = new LongAdder();
    private final LongAdder sentBytes = new LongAdder();
    private final LongAdder serializeNanos = new LongAdder();
    private final LongAdder received = new LongAdder();
    private final LongAdder receivedBytes = new LongAdder();
    private final LongAdder deserializeNanos = new LongAdder();

    /**
     * Whether to time the next message of this class sent, and what its time then stands for: 1
     * (every one of the class's first messages), {@value #SAMPLE_ONE_IN} (a sampled one), or 0 (do
     * not time it).
     */
    int sentWeight() {
      return weight(sent);
    }

    /** As {@link #sentWeight}, for a message of this class received. */
    int receivedWeight() {
      return weight(received);
    }

    /**
     * Counts a message sent.
     *
     * @param weightedNanos the time it took to serialize times its {@link #sentWeight weight}; 0 when
     *     it was not timed
     */
    void recordSent(int messageBytes, long weightedNanos) {
      sent.increment();
      sentBytes.add(messageBytes);
      serializeNanos.add(weightedNanos);
    }

    /** Counts a message received; as {@link #recordSent}, with its {@link #receivedWeight}. */
    void recordReceived(int messageBytes, long weightedNanos) {
      received.increment();
      receivedBytes.add(messageBytes);
      deserializeNanos.add(weightedNanos);
    }

    BoundaryStats.Traffic snapshot() {
      return new BoundaryStats.Traffic(
          sent.sum(),
          sentBytes.sum(),
          serializeNanos.sum(),
          received.sum(),
          receivedBytes.sum(),
          deserializeNanos.sum());
    }
  }

  private static final class Id extends AbstractExtensionId<BoundaryMeter> {
    @Override
    public BoundaryMeter createExtension(ExtendedActorSystem system) {
      return new BoundaryMeter();
    }
  }
}
