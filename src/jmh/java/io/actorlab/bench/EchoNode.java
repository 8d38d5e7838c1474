package io.actorlab.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The far side of {@link CrossProcessBenchmark}, in its own JVM: an actor system on a free loopback
 * port whose guardian answers every {@link CrossProcessBenchmark.Ping} that carries a reply address
 * and silently counts the rest. It prints {@value #READY} and its guardian's address once it listens,
 * and stops when its standard input ends (the benchmark closed it, or its JVM died).
 */
public final class EchoNode {

  /** The start of the line that tells the benchmark where to send. */
  static final String READY = "echo-node-ready ";

  private EchoNode() {}

  /** Artery over TCP on loopback, a free port, and the wire configuration of actorlab. */
  static Config remoteConfig() {
    return ConfigFactory.parseString(
            """
            pekko.actor.provider = remote
            pekko.remote.artery.transport = tcp
            pekko.remote.artery.canonical.hostname = "127.0.0.1"
            pekko.remote.artery.canonical.port = 0
            """)
        .withFallback(WireConfig.load());
  }

  public static void main(String[] args) throws IOException {
    ActorSystem<CrossProcessBenchmark.Ping> system =
        ActorSystem.create(echo(), "echo", remoteConfig());
    System.out.println(READY + ActorRefResolver.get(system).toSerializationFormat(system));
    System.out.flush();
    InputStream in = System.in;
    byte[] ignored = new byte[64];
    while (in.read(ignored) >= 0) {
      // Nothing is written; the end of the stream is the signal to stop.
    }
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
  }

  private static Behavior<CrossProcessBenchmark.Ping> echo() {
    return Behaviors.receiveMessage(
        ping -> {
          if (ping.replyTo() != null) {
            ping.replyTo().tell(new CrossProcessBenchmark.Pong(ping.seq()));
          }
          return Behaviors.same();
        });
  }
}
