package io.actorlab.bench;

import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a value costs to cross a process boundary, before the network: one serialize + deserialize
 * round trip of each payload ({@link Payloads}) with each codec ({@link Codec}):
 *
 * <ul>
 *   <li>{@code kryo}: actorlab's KryoSerializer as Pekko configures it for the wire (registered class
 *       ids, bounded input, pooled Kryo instances and buffers, counted by the BoundaryMeter);
 *   <li>{@code java}: java.io object streams (on Serializable twins of actorlab's messages);
 *   <li>{@code json}, {@code cbor}: Jackson data binding. Neither writes types, so an {@code Object}
 *       field (a task's input or output) comes back as a Map or a number, not the class sent: this is a
 *       lower bound of what a typed JSON wire would cost.
 * </ul>
 *
 * <p>The bytes of each pair are printed by {@link SerializedSizes}; sizes do not vary between runs.
 *
 * <p>Run: {@code java -jar target/jmh/benchmarks.jar SerializationBenchmark -f 1 -wi 3 -i 5}. Expect
 * Kryo several times faster and smaller than Java serialization on the messages and the small record,
 * and the arrays to be bound by memory copies in every binary codec; JSON's base64 and decimal text
 * are the slowest on arrays.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SerializationBenchmark {

  /** The value written: see {@link Payloads#NAMES}. */
  @Param({"worker-run", "task-done", "small-record", "ints-10k", "bytes-1m"})
  public String payload;

  /** kryo, java, json or cbor. */
  @Param({"kryo", "java", "json", "cbor"})
  public String codec;

  private ActorSystem<Void> system;
  private Codec chosen;
  private Object value;
  private Class<?> type;

  @Setup(Level.Trial)
  public void setUp() {
    system = ActorSystem.create(Behaviors.empty(), "serialization-bench", WireConfig.load());
    chosen = Codec.named(codec, system);
    value = Payloads.named(payload, codec.equals("java"));
    type = value.getClass();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
  }

  /** Serializes the payload and reads it back. */
  @Benchmark
  public Object roundTrip() {
    return chosen.read(chosen.write(value), type);
  }
}
