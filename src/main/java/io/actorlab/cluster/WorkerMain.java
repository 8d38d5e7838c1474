package io.actorlab.cluster;

import java.nio.file.Path;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * The entry point of a worker JVM that a run spawns ({@link NodeLauncher}); people start nodes with
 * {@code bin/actorlab node}. It takes one argument, the configuration file the run wrote for its
 * workers, and reads the coordinator's address from its standard input ({@link
 * WorkerNodes#startSpawned}). It skips the command line's parsing and configuration layering: every
 * setting is in that file or in the reference configuration, and a worker JVM's start-up is part of
 * what a run measures.
 */
public final class WorkerMain {

  private WorkerMain() {}

  /** Starts the worker node and returns once its actor system has terminated. */
  public static void main(String[] args) {
    if (args.length != 1) {
      throw new IllegalArgumentException(
          "usage: WorkerMain NODE_CONFIG (a run starts worker JVMs itself; to start a node by hand, use"
              + " bin/actorlab node)");
    }
    ActorSystem<WorkerNode.Command> system =
        WorkerNodes.startSpawned(NodeLauncher.readNodeConfig(Path.of(args[0])));
    System.out.println("actorlab worker node up at " + WorkerNodes.address(system));
    system.getWhenTerminated().toCompletableFuture().join();
    // No System.exit here: the node's coordinated shutdown exits the JVM with its own exit code.
  }
}
