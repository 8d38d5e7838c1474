package io.actorlab.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.actorlab.api.ActorLab;
import io.actorlab.api.Square;
import io.actorlab.api.WorkerPool;
import io.actorlab.serialization.CrossesBoundary;
import io.actorlab.serialization.HostileFrames;
import io.actorlab.serialization.KryoSerializer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pekko.actor.ActorIdentity;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.Identify;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.pattern.Patterns;
import org.apache.pekko.serialization.JSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crafted frames sent over the network to a running worker node, as a hostile peer on the network
 * could: the node is {@code actorlab node} in a JVM of its own with a 64 MiB heap; the attacker is an
 * actor system of its own whose serializer for {@link CrossesBoundary} messages has the identifier of
 * actorlab's {@link KryoSerializer} but puts forged bytes on the wire, and which sends a real
 * Java-serialized object under Java serialization's identifier.
 *
 * <p>Artery reads each frame, the node's serializer refuses it, and Artery logs the failure and drops
 * the message without closing the connection. The test checks exactly that: each frame is refused
 * with its own reason in the node's log, the class named on the wire is never loaded (from the JVM's
 * class-loading log), the node does not run out of memory, and afterwards it still answers the same
 * peer and runs tasks for a real run.
 */
@ExtendWith(LogCapturingExtension.class)
class CraftedFrameTest {

  private static final Duration WITHIN = Duration.ofSeconds(60);

  /** Artery's log line for a message whose bytes its serializer refused. */
  private static final Pattern REFUSED =
      Pattern.compile("Failed to deserialize message from \\[pekko://attacker@");

  @TempDir Path temp;

  @RegisterExtension final NodeProcesses nodes = new NodeProcesses();

  private ActorSystem attacker;

  @AfterEach
  void stopAttacker() throws Exception {
    if (attacker != null) {
      attacker.terminate();
      attacker.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  /** A message of forged bytes; {@link Forger} writes them as they are. */
  public record Forged(byte[] bytes) implements CrossesBoundary {}

  /**
   * Takes the place of {@link KryoSerializer} in the attacker's system, with its identifier, so the
   * node hands the forged bytes to its own Kryo serializer.
   */
  public static final class Forger extends JSerializer {

    @Override
    public int identifier() {
      return KryoSerializer.IDENTIFIER;
    }

    @Override
    public boolean includeManifest() {
      return false;
    }

    @Override
    public byte[] toBinary(Object message) {
      return ((Forged) message).bytes();
    }

    @Override
    public Object fromBinaryJava(byte[] bytes, Class<?> manifest) {
      throw new UnsupportedOperationException("the attacker only sends");
    }
  }

  @Test
  void craftedFramesAreRefusedAndLoggedAndTheNodeKeepsServing() throws Exception {
    int port = NodeProcess.freePort();
    Path classLog = temp.resolve("classes.log");
    NodeProcess node =
        nodes.start(
            temp.resolve("node.log"),
            List.of("-Xmx64m", "-Xlog:class+load=info:file=" + classLog),
            List.of("--port", String.valueOf(port), "--seed", "127.0.0.1:" + port));
    String address = node.awaitUp(WITHIN);
    attacker = ActorSystem.create("attacker", attackerConfig());
    ActorRef monitor = identify(address + "/user/" + ClusterMonitor.NAME);
    HostileFrames frames = HostileFrames.of((ExtendedActorSystem) attacker);

    // Each frame, and the reason the node must log for it.
    Map<Object, String> crafted = new LinkedHashMap<>();
    crafted.put(
        new Forged(HostileFrames.unregisteredClassId()),
        "unregistered class ID: " + HostileFrames.UNREGISTERED_ID);
    crafted.put(
        new Forged(HostileFrames.className(Tripwire.class.getName())),
        "class names are never accepted");
    crafted.put(
        new Tripwire(),
        "Attempted to deserialize message using Java serialization while"
            + " `pekko.actor.allow-java-serialization` was disabled");
    crafted.put(
        new Forged(frames.hugeArray(long[].class)),
        "declares " + HostileFrames.HUGE + " elements");
    crafted.put(new Forged(frames.nestedLists(200)), "Max depth exceeded");

    int sent = 0;
    for (Map.Entry<Object, String> frame : crafted.entrySet()) {
      monitor.tell(frame.getKey(), ActorRef.noSender());
      sent++;
      node.awaitLog(frame.getValue(), WITHIN);
      assertEquals(sent, count(REFUSED, node.log()), "one refusal per frame");
    }

    // The same connection still delivers: the node answers the attacker's next message.
    identify(address + "/user/" + ClusterMonitor.NAME);
    // And the node still does its work: a real run attaches to it and gets its results.
    try (WorkerPool pool =
        ActorLab.mode("processes")
            .workers(1)
            .set("actorlab.cluster.seed-nodes", List.of(address))
            .start()) {
      assertEquals(List.of(1L, 4L, 9L), pool.map(new Square(), List.of(1, 2, 3)));
    }

    String log = node.log();
    assertTrue(node.isAlive(), "the node is still running");
    assertFalse(log.contains("OutOfMemoryError"), "the node ran out of memory");
    assertFalse(log.contains(Tripwire.SPRUNG), "the node read a Tripwire");
    String classes = Files.readString(classLog, StandardCharsets.UTF_8);
    assertTrue(
        classes.contains(KryoSerializer.class.getName() + " "),
        "the class-loading log records the node's classes");
    assertFalse(
        classes.contains(Tripwire.class.getName()),
        "the class named on the wire was never loaded on the node");
  }

  private ActorRef identify(String path) throws Exception {
    ActorIdentity identity =
        (ActorIdentity)
            Patterns.ask(attacker.actorSelection(path), new Identify(path), Duration.ofSeconds(15))
                .toCompletableFuture()
                .get(20, TimeUnit.SECONDS);
    return identity
        .getActorRef()
        .orElseThrow(() -> new AssertionError("no actor at " + path));
  }

  /** A plain remoting system on 127.0.0.1 that puts forged bytes on the wire. */
  private static Config attackerConfig() {
    return ConfigFactory.parseString(
            """
            pekko.actor.provider = remote
            pekko.remote.artery.canonical.hostname = "127.0.0.1"
            pekko.remote.artery.canonical.port = 0
            pekko.remote.warn-about-direct-use = off
            pekko.actor.serializers.actorlab-kryo = "%s"
            # The attacker sends a real Java-serialized object (Tripwire is Serializable).
            pekko.actor.allow-java-serialization = on
            pekko.actor.warn-about-java-serializer-usage = off
            """
                .formatted(Forger.class.getName()))
        .withFallback(ConfigFactory.load());
  }

  private static int count(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    int found = 0;
    while (matcher.find()) {
      found++;
    }
    return found;
  }
}
