package io.actorlab.serialization;

import java.util.Optional;

/**
 * A message (or a value inside one) cannot cross a process boundary; the message says why and how to
 * fix it. Thrown by {@link KryoSerializer} when it serializes and by {@link SerializabilityCheck}
 * before anything is sent, because Pekko only logs a failure to serialize a remote message and the
 * sender never hears of it.
 */
public final class UnserializableMessageException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final transient Class<?> messageClass;
  private final transient Class<?> offendingClass;

  private UnserializableMessageException(
      Class<?> messageClass, Class<?> offendingClass, String message, Throwable cause) {
    super(message, cause);
    this.messageClass = messageClass;
    this.offendingClass = offendingClass;
  }

  /** The class of the value that was being serialized. */
  public Class<?> messageClass() {
    return messageClass;
  }

  /** The class inside it that cannot be serialized, when one class is to blame. */
  public Optional<Class<?>> offendingClass() {
    return Optional.ofNullable(offendingClass);
  }

  static UnserializableMessageException unregistered(
      Class<?> message, Class<?> type, String where) {
    String fix;
    if (type.isHidden() || type.isSynthetic()) {
      fix =
          "it is a lambda or generated class, which cannot cross a process boundary: use a named"
              + " top-level class or record instead";
    } else if (type.isAnonymousClass() || type.isLocalClass()) {
      fix =
          "it is an anonymous or local class: make it a named top-level class or record, then add"
              + " it to "
              + SerializationSettings.REGISTER_KEY;
    } else {
      fix =
          "add \""
              + ClassRegistry.configName(type)
              + "\" to "
              + SerializationSettings.REGISTER_KEY
              + " (the list must be identical on every node)";
    }
    return new UnserializableMessageException(
        message,
        type,
        "Cannot serialize "
            + message.getName()
            + ": class "
            + ClassRegistry.configName(type)
            + " is not registered with Kryo. Fix: "
            + fix
            + "."
            + where,
        null);
  }

  static UnserializableMessageException tooLarge(Class<?> message, long size, int limit) {
    return new UnserializableMessageException(
        message,
        null,
        "Cannot serialize "
            + message.getName()
            + ": it takes "
            + (size > limit ? size + " bytes" : "more than " + limit + " bytes")
            + ", over the limit of "
            + limit
            + " bytes. Send smaller messages (split the work, or hand large data over through a"
            + " file), or raise "
            + SerializationSettings.MAX_MESSAGE_BYTES_KEY
            + " on every node of the run, e.g. -D "
            + SerializationSettings.MAX_MESSAGE_BYTES_KEY
            + "="
            + suggestedLimit(size, limit)
            + " (the processes modes' frame size follows it).",
        null);
  }

  static UnserializableMessageException tooDeep(Class<?> message, int maxDepth, Throwable cause) {
    return new UnserializableMessageException(
        message,
        null,
        "Cannot serialize "
            + message.getName()
            + ": its objects nest deeper than "
            + maxDepth
            + " levels (a cycle, or a long linked structure?). Flatten it, or raise "
            + SerializationSettings.MAX_DEPTH_KEY
            + ".",
        cause);
  }

  static UnserializableMessageException failed(Class<?> message, String reason, Throwable cause) {
    return new UnserializableMessageException(
        message, null, "Cannot serialize " + message.getName() + ": " + reason, cause);
  }

  static UnserializableMessageException unreadable(Class<?> message, Throwable cause) {
    return new UnserializableMessageException(
        message,
        null,
        "Cannot send "
            + message.getName()
            + ": it serializes, but cannot be read back: "
            + cause.getMessage(),
        cause);
  }

  static UnserializableMessageException notBound(Class<?> message, String serializer) {
    return new UnserializableMessageException(
        message,
        null,
        "Cannot send "
            + message.getName()
            + " across a process boundary: "
            + (CrossesBoundary.class.isAssignableFrom(message)
                ? "pekko.actor.serialization-bindings sends it to "
                    + serializer
                    + ", not to "
                    + KryoSerializer.class.getName()
                    + ". Fix the bindings."
                : "it does not implement "
                    + CrossesBoundary.class.getName()
                    + " (Pekko would use "
                    + serializer
                    + "). Fix: implement it, and register the class in "
                    + SerializationSettings.REGISTER_KEY
                    + "."),
        null);
  }

  /** A round size in MiB that holds the message: the next power of two above it. */
  private static String suggestedLimit(long size, long limit) {
    long needed = Math.max(size, limit + 1);
    return Long.highestOneBit(Math.max(1, (needed - 1) >> 20)) * 2 + "MiB";
  }
}
