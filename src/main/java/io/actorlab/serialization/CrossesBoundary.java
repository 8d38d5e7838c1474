package io.actorlab.serialization;

/**
 * Marks a message that may cross a process boundary.
 *
 * <p>This is the one type bound to {@link KryoSerializer} in {@code pekko.actor.serialization-bindings}
 * (see {@code reference.conf}). One marker for every such message keeps the binding in one place: a
 * message that does not implement it has no serializer and fails loudly the first time it is sent to
 * another process, instead of silently falling back to Java serialization. Binding {@code Object} or
 * {@code Serializable} instead would capture Pekko's own messages too.
 *
 * <p>Implementing it is not enough: the message class, and every class its fields hold, must also be
 * registered in {@code actorlab.serialization.builtin} or {@code actorlab.serialization.register}.
 */
public interface CrossesBoundary {}
