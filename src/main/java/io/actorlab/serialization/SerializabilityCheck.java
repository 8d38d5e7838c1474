package io.actorlab.serialization;

import java.io.NotSerializableException;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;

/**
 * Proves, before anything is sent, that a message can cross a process boundary.
 *
 * <p>Pekko only logs a message that fails to serialize on its way to another node; the sender is never
 * told and its ask just times out. Checking at submit turns that into an immediate {@link
 * UnserializableMessageException} that names the class to register. A check is a full round trip
 * (serialize, then read back) through the same {@link KryoSerializer} the transport uses, so it also
 * catches a value that writes but cannot be read; it is not counted in the {@link BoundaryMeter}.
 */
public final class SerializabilityCheck {

  private final Serialization serialization;
  private final KryoSerializer kryo;

  private SerializabilityCheck(Serialization serialization, KryoSerializer kryo) {
    this.serialization = serialization;
    this.kryo = kryo;
  }

  /**
   * The check for an actor system, classic or typed.
   *
   * @throws IllegalStateException if {@link CrossesBoundary} is not bound to {@link KryoSerializer}
   */
  public static SerializabilityCheck create(ClassicActorSystemProvider system) {
    Serialization serialization = SerializationExtension.get(system.classicSystem());
    Serializer bound;
    try {
      bound = serialization.serializerFor(CrossesBoundary.class);
    } catch (NotSerializableException e) {
      bound = null;
    }
    if (!(bound instanceof KryoSerializer kryo)) {
      throw new IllegalStateException(
          CrossesBoundary.class.getName()
              + " is bound to "
              + (bound == null ? "no serializer" : bound.getClass().getName())
              + ", not to "
              + KryoSerializer.class.getName()
              + ": check pekko.actor.serialization-bindings (actorlab's"
              + " reference.conf binds it)");
    }
    return new SerializabilityCheck(serialization, kryo);
  }

  /**
   * Checks a message: Pekko would serialize it with {@link KryoSerializer}, and it survives a round
   * trip.
   *
   * @return its serialized size in bytes
   * @throws UnserializableMessageException saying what is wrong and how to fix it
   */
  public int checkMessage(Object message) {
    Serializer serializer;
    try {
      serializer = serialization.findSerializerFor(message);
    } catch (Exception e) { // Scala throws a checked NotSerializableException when nothing is bound
      serializer = null;
    }
    if (serializer != kryo) {
      throw UnserializableMessageException.notBound(
          message.getClass(),
          serializer == null ? "no serializer" : serializer.getClass().getName());
    }
    return kryo.check(message);
  }

  /**
   * Checks a value that travels inside a message (a task's input or output): it survives a round trip.
   *
   * @return its serialized size in bytes
   * @throws UnserializableMessageException saying what is wrong and how to fix it
   */
  public int checkValue(Object value) {
    return kryo.check(value);
  }

  /**
   * Checks that a value of a class that already passed {@link #checkValue} still fits the message size
   * limit; serializes it once, without reading it back.
   *
   * @return its serialized size in bytes
   * @throws UnserializableMessageException when it is too large, saying its size and the limit
   */
  public int checkSize(Object value) {
    return kryo.checkSize(value);
  }
}
