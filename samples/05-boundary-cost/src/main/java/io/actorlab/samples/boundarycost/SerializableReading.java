package io.actorlab.samples.boundarycost;

import java.io.Serializable;

/**
 * {@link Reading} again, for Java serialization, which needs {@link Serializable}. A separate copy
 * because actorlab's own messages never use Java serialization ({@code
 * pekko.actor.allow-java-serialization = off}): here it is measured, not used.
 */
public record SerializableReading(int sensor, String location, long timestamp, double[] values)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The same fields as {@code reading}. */
  public static SerializableReading of(Reading reading) {
    return new SerializableReading(
        reading.sensor(), reading.location(), reading.timestamp(), reading.values());
  }
}
