package io.actorlab.cluster;

import io.actorlab.actor.Coordinator;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/** The receptionist keys by which the nodes of an actorlab cluster find each other's actors. */
public final class ClusterKeys {

  private ClusterKeys() {}

  /** The run's coordinator, registered by the coordinator node; worker nodes started by hand look it up. */
  public static final ServiceKey<Coordinator.Command> COORDINATOR =
      ServiceKey.create(Coordinator.Command.class, "actorlab-coordinator");
}
