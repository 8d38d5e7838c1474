package io.actorlab.serialization;

/**
 * {@link KryoSerializer} refused bytes it was asked to read: too long, naming an unregistered class,
 * declaring more elements than it holds, nesting too deep, or not what the registrations on this node
 * expect (the nodes' {@code actorlab.serialization} lists differ). Nothing in the frame was
 * instantiated beyond registered classes.
 */
public final class RejectedFrameException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  RejectedFrameException(int frameBytes, String reason, Throwable cause) {
    super("Rejected a " + frameBytes + "-byte frame: " + reason, cause);
  }
}
