package io.actorlab.bench;

import com.typesafe.config.Config;
import io.actorlab.api.ActorLab;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The configuration the benchmarks' actor systems start with: the processes mode's, as a run of {@code
 * bin/actorlab} from the project root resolves it, with the benchmarks' own message classes registered
 * for Kryo in the same way a user registers theirs.
 */
final class WireConfig {

  private WireConfig() {}

  /** The processes mode's resolved configuration plus the benchmarks' Kryo registrations. */
  static Config load() {
    LoggerFactory.getILoggerFactory(); // before Pekko logs: no "SLF4J replayed" warning
    return ActorLab.mode("processes")
        .set(
            "actorlab.serialization.register",
            List.of(
                Payloads.Point.class.getName(),
                CrossProcessBenchmark.Ping.class.getName(),
                CrossProcessBenchmark.Pong.class.getName()))
        .config();
  }
}
