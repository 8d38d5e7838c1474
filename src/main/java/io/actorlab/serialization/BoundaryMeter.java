package io.actorlab.serialization;

import io.actorlab.measure.BoundaryStats;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.actor.AbstractExtensionId;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.Extension;

/**
 * What went through {@link KryoSerializer} in one actor system: messages, bytes, and the time spent
 * serializing and deserializing them. One per actor system (a Pekko extension), reached through {@link
 * #get}.
 *
 * <p>Messages and bytes are counted where a message is serialized, deserialization time where it is
 * read, so adding the snapshots of every node counts each message once. Bytes are Kryo's payload,
 * without Pekko's envelope around it. Pre-flight checks ({@link
 * SerializabilityCheck}) are not counted: nothing crossed.
 *
 * <p>Counters are {@link LongAdder}s: many dispatcher and transport threads serialize at once, and a
 * snapshot taken while they do may mix counts from slightly different instants.
 */
public final class BoundaryMeter implements Extension {

  private static final Id ID = new Id();

  private final LongAdder messages = new LongAdder();
  private final LongAdder bytes = new LongAdder();
  private final LongAdder serializeNanos = new LongAdder();
  private final LongAdder deserializeNanos = new LongAdder();

  private BoundaryMeter() {}

  /** The meter of an actor system, classic or typed. */
  public static BoundaryMeter get(ClassicActorSystemProvider system) {
    return ID.get(system);
  }

  /** The counters so far; subtract an earlier snapshot with {@link BoundaryStats#minus}. */
  public BoundaryStats snapshot() {
    return new BoundaryStats(
        messages.sum(), bytes.sum(), serializeNanos.sum(), deserializeNanos.sum());
  }

  void recordSerialized(int messageBytes, long nanos) {
    messages.increment();
    bytes.add(messageBytes);
    serializeNanos.add(nanos);
  }

  void recordDeserialized(long nanos) {
    deserializeNanos.add(nanos);
  }

  private static final class Id extends AbstractExtensionId<BoundaryMeter> {
    @Override
    public BoundaryMeter createExtension(ExtendedActorSystem system) {
      return new BoundaryMeter();
    }
  }
}
