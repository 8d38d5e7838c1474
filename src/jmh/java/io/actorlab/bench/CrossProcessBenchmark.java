package io.actorlab.bench;

import io.actorlab.serialization.CrossesBoundary;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Messages between two JVMs over Artery TCP on loopback, written by actorlab's KryoSerializer: this
 * JVM and an {@link EchoNode} it starts (and stops; the node also stops by itself if this JVM dies).
 *
 * <ul>
 *   <li>{@code oneWay}: small messages streamed to the echo node, throughput in messages per second.
 *       Every {@value #CHUNK}th asks for an acknowledgement and at most {@value #WINDOW} chunks are
 *       unacknowledged, so the sender never overruns Artery's outbound queue (3072 messages; overflow is
 *       dropped, not back-pressured). The target is 100,000 msg/s or more.
 *   <li>{@code roundTrip}: one message there and its answer back, one at a time; time per round trip.
 * </ul>
 *
 * <p>Run: {@code java -jar target/jmh/benchmarks.jar CrossProcessBenchmark -f 1 -wi 3 -i 5}
 */
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CrossProcessBenchmark {

  /** To the echo node; it answers when {@code replyTo} is set. */
  public record Ping(long seq, ActorRef<Pong> replyTo) implements CrossesBoundary {}

  /** The echo node's answer. */
  public record Pong(long seq) implements CrossesBoundary {}

  static final int STREAM = 10_000;
  static final int CHUNK = 500;
  static final int WINDOW = 4;
  private static final long TIMEOUT_SECONDS = 30;

  private Process echoNode;
  private ActorSystem<Void> system;
  private ActorRef<Pong> receiver;
  private ActorRef<Ping> echo;
  private final Semaphore acks = new Semaphore(0);
  private long seq;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    echoNode =
        new ProcessBuilder(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                EchoNode.class.getName())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try {
      String address = awaitReady(echoNode);
      system = ActorSystem.create(Behaviors.empty(), "bench", EchoNode.remoteConfig());
      receiver =
          system.systemActorOf(Behaviors.receiveMessage(this::acknowledged), "acks", Props.empty());
      echo = ActorRefResolver.get(system).resolveActorRef(address);
      roundTrip(); // the first message opens the connection
    } catch (Exception e) {
      tearDown();
      throw e;
    }
  }

  /** Reads the echo node's output until its ready line, within the timeout; then keeps draining it. */
  private static String awaitReady(Process node) throws Exception {
    BufferedReader lines =
        new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> ready = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try {
                for (String line; (line = lines.readLine()) != null; ) {
                  if (line.startsWith(EchoNode.READY)) {
                    ready.complete(line.substring(EchoNode.READY.length()).strip());
                  }
                }
                ready.completeExceptionally(
                    new IllegalStateException("the echo node exited before it was ready"));
              } catch (IOException e) {
                ready.completeExceptionally(new UncheckedIOException(e));
              }
            },
            "echo-node-output");
    reader.setDaemon(true);
    reader.start();
    return ready.get(60, TimeUnit.SECONDS);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    if (system != null) {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }
    echoNode.getOutputStream().close(); // the node's signal to stop
    if (!echoNode.waitFor(15, TimeUnit.SECONDS)) {
      List.copyOf(echoNode.descendants().toList()).forEach(ProcessHandle::destroyForcibly);
      echoNode.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }

  /** Per message: {@value #STREAM} small messages one way, windowed by acknowledgements. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(STREAM)
  public void oneWay() throws Exception {
    acks.release(WINDOW);
    for (int chunk = 0; chunk < STREAM / CHUNK; chunk++) {
      acquire(1);
      for (int i = 1; i < CHUNK; i++) {
        echo.tell(new Ping(seq++, null));
      }
      echo.tell(new Ping(seq++, receiver));
    }
    acquire(WINDOW); // every acknowledgement back: all messages arrived (Artery keeps their order)
  }

  /** One message to the echo node and its answer back. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public void roundTrip() throws Exception {
    echo.tell(new Ping(seq++, receiver));
    acquire(1);
  }

  private Behavior<Pong> acknowledged(Pong pong) {
    acks.release();
    return Behaviors.same();
  }

  private void acquire(int permits) throws Exception {
    if (!acks.tryAcquire(permits, TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      throw new TimeoutException(
          "no answer from the echo node within " + TIMEOUT_SECONDS + " s (is it alive? "
              + echoNode.isAlive() + ")");
    }
  }
}
