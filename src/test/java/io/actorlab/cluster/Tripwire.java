package io.actorlab.cluster;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;

/**
 * A class a hostile peer names on the wire, hoping a node will load and build it. {@link
 * CraftedFrameTest} proves from the node's class-loading log that it never even loads it; should
 * Java serialization ever read one anyway, the node's output says so.
 */
public final class Tripwire implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Printed by any JVM that reads one with Java serialization. */
  static final String SPRUNG = "TRIPWIRE SPRUNG";

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    System.out.println(SPRUNG + ": read by Java serialization");
    in.defaultReadObject();
  }
}
