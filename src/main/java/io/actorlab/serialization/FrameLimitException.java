package io.actorlab.serialization;

import com.esotericsoftware.kryo.KryoException;

/**
 * A frame being read broke a safety limit. A {@link KryoException} so that Kryo's serializers add the
 * field path to its message on the way up; {@link KryoSerializer} turns it into a {@link
 * RejectedFrameException}.
 */
final class FrameLimitException extends KryoException {

  FrameLimitException(String message) {
    super(message);
  }
}
