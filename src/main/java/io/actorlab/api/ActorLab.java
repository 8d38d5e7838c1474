package io.actorlab.api;

import com.typesafe.config.Config;
import io.actorlab.mode.ActorLabSettings;
import io.actorlab.mode.ConfigLoader;
import io.actorlab.mode.ModeCatalog;
import io.actorlab.mode.PoolBackend;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The entry point: choose a mode (and anything else to override), then start a {@link WorkerPool}.
 *
 * <pre>{@code
 * try (WorkerPool pool = ActorLab.mode("threads").workers(2).start()) {
 *   List<Long> counts = pool.map(new PrimesTask(), inputs);
 * }
 * }</pre>
 */
public final class ActorLab {

  private final ConfigLoader loader;

  private ActorLab(ConfigLoader loader) {
    this.loader = loader;
  }

  /** Starts configuring a pool of the named mode, with the mode files of the default conf folder. */
  public static ActorLab mode(String mode) {
    return mode(ConfigLoader.defaultConfDir(), mode);
  }

  /** Starts configuring a pool of the named mode, with the mode files under {@code confDir}. */
  public static ActorLab mode(Path confDir, String mode) {
    return new ActorLab(new ConfigLoader(confDir, mode));
  }

  /** The modes under the default conf folder. */
  public static List<ModeCatalog.ModeFile> modes() {
    return new ModeCatalog(ConfigLoader.defaultConfDir()).all();
  }

  /** Sets the worker count (threads or processes). */
  public ActorLab workers(int workers) {
    loader.with("actorlab.workers", workers);
    return this;
  }

  /** Layers a user configuration file over the mode file. */
  public ActorLab configFile(Path file) {
    loader.withFile(file);
    return this;
  }

  /** Sets any configuration key, above every file. */
  public ActorLab set(String key, Object value) {
    loader.with(key, value);
    return this;
  }

  /** The resolved configuration the pool would start with. */
  public Config config() {
    return loader.load();
  }

  /** Starts the mode's workers. The caller closes the pool. */
  public WorkerPool start() {
    long startedEpochMicros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    Config config = loader.load();
    ActorLabSettings settings = ActorLabSettings.create(config);
    PoolBackend backend = PoolBackend.start(settings, config);
    return new WorkerPool(
        backend,
        settings.mode().name(),
        settings.workers(),
        startedEpochMicros,
        settings.maxPending());
  }
}
