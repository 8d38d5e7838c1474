package io.actorlab.serialization;

import io.actorlab.measure.BoundaryStats;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
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
 */
public final class BoundaryMeter implements Extension {

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

  void recordSerialized(Class<?> type, int messageBytes, long nanos) {
    Counters counters = counters(type);
    counters.sent.increment();
    counters.sentBytes.add(messageBytes);
    counters.serializeNanos.add(nanos);
  }

  void recordDeserialized(Class<?> type, int messageBytes, long nanos) {
    Counters counters = counters(type);
    counters.received.increment();
    counters.receivedBytes.add(messageBytes);
    counters.deserializeNanos.add(nanos);
  }

  private Counters counters(Class<?> type) {
    Counters counters = byType.get(type); // no lock on the common path
    return counters != null ? counters : byType.computeIfAbsent(type, t -> new Counters());
  }

  private static final class Counters {
    final LongAdder sent = new LongAdder();
    final LongAdder sentBytes = new LongAdder();
    final LongAdder serializeNanos = new LongAdder();
    final LongAdder received = new LongAdder();
    final LongAdder receivedBytes = new LongAdder();
    final LongAdder deserializeNanos = new LongAdder();

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
