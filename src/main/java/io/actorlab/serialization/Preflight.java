package io.actorlab.serialization;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.ClassicActorSystemProvider;

/**
 * Checks every value that is about to cross a boundary, so that an unregistered, unserializable or
 * oversized task input fails at submit, and such an output fails as its task's error, instead of being
 * dropped with only a log line while the caller waits forever (Pekko only logs a message it cannot
 * serialize).
 *
 * <p>The first value of each class gets a full round trip; later ones are serialized once more only to
 * check their size. That extra serialization is the price of never losing a task silently; it runs on
 * the submitting thread (inputs) and the worker's (outputs) and is not counted in the boundary figures.
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
   * Passes when {@code value} is null or would cross within the size limit.
   *
   * @return its serialized size in bytes, or 0 when this checks nothing
   * @throws UnserializableMessageException naming the class and the fix
   */
  public int check(Object value) {
    if (check == null || value == null) {
      return 0;
    }
    if (passed.contains(value.getClass())) {
      return check.checkSize(value);
    }
    int bytes = check.checkValue(value);
    passed.add(value.getClass());
    return bytes;
  }
}
