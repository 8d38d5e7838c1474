package io.actorlab.serialization;

/**
 * Marks every message that may cross a process boundary. It is bound once, in reference.conf, to
 * actorlab's Kryo serializer; nothing else is, so no message can fall back to Java serialization.
 */
public interface CrossesBoundary {}
