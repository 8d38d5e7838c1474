package io.actorlab.cluster;

import io.actorlab.measure.BoundaryStats;
import io.actorlab.measure.ProcessMetrics;
import io.actorlab.serialization.BoundaryMeter;
import io.actorlab.serialization.Unmetered;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Tells what one node has cost so far: its process, its memory and CPU, and what crossed its boundary.
 * Every worker node runs one, so the coordinator can sum up all the JVMs of a run, including nodes it did
 * not spawn.
 */
public final class NodeStats {

  private NodeStats() {}

  /** The statistics actor's name under /user on every worker node. */
  public static final String NAME = "stats";

  /** Messages the node statistics actor understands. */
  public interface Command {}

  /** Reply with this node's {@link Stats}. */
  public record Get(ActorRef<Stats> replyTo) implements Command, Unmetered {}

  /**
   * One node's figures.
   *
   * @param pid the node's process id
   * @param rssBytes its resident set size now
   * @param peakRssBytes its peak resident set size
   * @param cpuNanos its process CPU time so far
   * @param boundary what crossed its boundary so far
   */
  public record Stats(
      long pid, long rssBytes, long peakRssBytes, long cpuNanos, BoundaryStats boundary)
      implements Unmetered {}

  /** The statistics actor of the node it runs on. */
  public static Behavior<Command> create() {
    return Behaviors.setup(
        context ->
            Behaviors.receive(Command.class).onMessage(Get.class, get -> onGet(context, get)).build());
  }

  private static Behavior<Command> onGet(ActorContext<Command> context, Get get) {
    get.replyTo().tell(snapshot(BoundaryMeter.get(context.getSystem()).snapshot()));
    return Behaviors.same();
  }

  /** This JVM's figures, with the given boundary counters. */
  public static Stats snapshot(BoundaryStats boundary) {
    return new Stats(
        ProcessHandle.current().pid(),
        ProcessMetrics.currentRssBytes(),
        ProcessMetrics.peakRssBytes(),
        ProcessMetrics.cpuNanos(),
        boundary);
  }
}
