package io.actorlab.measure;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * What crossed a (real or simulated) process boundary during a run, per message type.
 *
 * <p>A message is counted as sent where it was serialized and as received where it was read, so over
 * every JVM of a run that finished cleanly the bytes received equal the bytes sent; a difference means
 * messages were in flight, or lost with a JVM that died.
 *
 * @param byType the traffic of each message class, by its name; types with no traffic are left out
 */
public record BoundaryStats(Map<String, Traffic> byType) {

  /** Nothing crossed. */
  public static final BoundaryStats NONE = new BoundaryStats(Map.of());

  /**
   * The traffic of one message type.
   *
   * @param sent messages serialized to be sent
   * @param sentBytes bytes those messages took on the wire
   * @param serializeNanos time spent serializing them
   * @param received messages read
   * @param receivedBytes bytes read
   * @param deserializeNanos time spent reading them
   */
  public record Traffic(
      long sent,
      long sentBytes,
      long serializeNanos,
      long received,
      long receivedBytes,
      long deserializeNanos) {

    static final Traffic NONE = new Traffic(0, 0, 0, 0, 0, 0);

    Traffic plus(Traffic other) {
      return new Traffic(
          sent + other.sent,
          sentBytes + other.sentBytes,
          serializeNanos + other.serializeNanos,
          received + other.received,
          receivedBytes + other.receivedBytes,
          deserializeNanos + other.deserializeNanos);
    }

    Traffic negated() {
      return new Traffic(
          -sent, -sentBytes, -serializeNanos, -received, -receivedBytes, -deserializeNanos);
    }
  }

  /** Keeps an immutable copy. */
  public BoundaryStats {
    byType = Map.copyOf(byType);
  }

  /** The traffic of a single message type. */
  public static BoundaryStats of(String type, Traffic traffic) {
    return new BoundaryStats(Map.of(type, traffic));
  }

  /** The types by name, in alphabetical order. */
  public Map<String, Traffic> sortedByType() {
    return new TreeMap<>(byType);
  }

  /** Messages serialized, of every type. */
  public long messages() {
    return sum(Traffic::sent);
  }

  /** Bytes serialized, of every type. */
  public long bytes() {
    return sum(Traffic::sentBytes);
  }

  /** Time spent serializing. */
  public long serializeNanos() {
    return sum(Traffic::serializeNanos);
  }

  /** Messages read, of every type. */
  public long receivedMessages() {
    return sum(Traffic::received);
  }

  /** Bytes read, of every type. */
  public long receivedBytes() {
    return sum(Traffic::receivedBytes);
  }

  /** Time spent deserializing. */
  public long deserializeNanos() {
    return sum(Traffic::deserializeNanos);
  }

  /** The difference between two snapshots of the same counters ({@code this} taken later). */
  public BoundaryStats minus(BoundaryStats earlier) {
    Map<String, Traffic> sum = new TreeMap<>(byType);
    earlier.byType.forEach((type, traffic) -> sum.merge(type, traffic.negated(), Traffic::plus));
    sum.values().removeIf(Traffic.NONE::equals);
    return new BoundaryStats(sum);
  }

  /** The sum of two sets of counters (e.g. from two JVMs). */
  public BoundaryStats plus(BoundaryStats other) {
    Map<String, Traffic> sum = new TreeMap<>(byType);
    other.byType.forEach((type, traffic) -> sum.merge(type, traffic, Traffic::plus));
    return new BoundaryStats(sum);
  }

  private long sum(ToLongFunction<Traffic> figure) {
    return byType.values().stream().mapToLong(figure).sum();
  }
}
