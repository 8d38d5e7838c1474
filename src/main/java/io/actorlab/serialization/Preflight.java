package io.actorlab.serialization;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.ClassicActorSystemProvider;

/**
 * Checks the first value of each class that is about to cross a boundary, so that an unregistered or
 * unserializable task input fails at submit, and an output fails as its task's error, instead of being
 * dropped with only a log line while the caller waits forever.
 */
public final class Preflight {

  /** Checks nothing: for modes in which nothing is serialized. */
  public static final Preflight NONE = new Preflight(null);

  private final SerializabilityCheck check;
  private final Set<Class<?>> passed = ConcurrentHashMap.newKeySet();

  private Preflight(SerializabilityCheck check) {
    this.check = check;
  }

  /** Checks with the serializer an actor system's messages cross with. */
  public static Preflight create(ClassicActorSystemProvider system) {
    return new Preflight(SerializabilityCheck.create(system));
  }

  /**
   * Passes when {@code value} is null, of a class already checked, or survives a round trip.
   *
   * @throws UnserializableMessageException naming the class and the fix
   */
  public void check(Object value) {
    if (check == null || value == null || passed.contains(value.getClass())) {
      return;
    }
    check.checkValue(value);
    passed.add(value.getClass());
  }
}
