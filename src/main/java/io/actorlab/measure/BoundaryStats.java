package io.actorlab.measure;

/**
 * What crossed a (real or simulated) process boundary during a run.
 *
 * @param messages messages serialized
 * @param bytes bytes those messages took on the wire
 * @param serializeNanos time spent serializing them
 * @param deserializeNanos time spent deserializing them
 */
public record BoundaryStats(long messages, long bytes, long serializeNanos, long deserializeNanos) {

  /** Nothing crossed. */
  public static final BoundaryStats NONE = new BoundaryStats(0, 0, 0, 0);

  /** The difference between two snapshots of the same counters ({@code this} taken later). */
  public BoundaryStats minus(BoundaryStats earlier) {
    return new BoundaryStats(
        messages - earlier.messages,
        bytes - earlier.bytes,
        serializeNanos - earlier.serializeNanos,
        deserializeNanos - earlier.deserializeNanos);
  }

  /** The sum of two sets of counters (e.g. from two JVMs). */
  public BoundaryStats plus(BoundaryStats other) {
    return new BoundaryStats(
        messages + other.messages,
        bytes + other.bytes,
        serializeNanos + other.serializeNanos,
        deserializeNanos + other.deserializeNanos);
  }
}
