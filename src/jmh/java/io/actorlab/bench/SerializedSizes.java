package io.actorlab.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Prints the serialized size in bytes of every payload with every codec of {@link
 * SerializationBenchmark}, and each codec's size relative to Kryo's. Sizes are exact, so this is a
 * plain program, not a benchmark.
 *
 * <p>Run: {@code java -cp target/jmh/benchmarks.jar io.actorlab.bench.SerializedSizes}
 */
public final class SerializedSizes {

  private static final List<String> CODECS = List.of("kryo", "java", "json", "cbor");

  private SerializedSizes() {}

  public static void main(String[] args) {
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "sizes", WireConfig.load());
    try {
      System.out.printf("%-14s", "bytes");
      CODECS.forEach(codec -> System.out.printf("%22s", codec));
      System.out.println();
      for (String payload : Payloads.NAMES) {
        System.out.printf("%-14s", payload);
        long kryo = 0;
        for (String codec : CODECS) {
          Object value = Payloads.named(payload, codec.equals("java"));
          long size = Codec.named(codec, system).write(value).length;
          kryo = codec.equals("kryo") ? size : kryo;
          System.out.printf("%22s", String.format("%,d (%.2fx)", size, (double) size / kryo));
        }
        System.out.println();
      }
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }
  }
}
