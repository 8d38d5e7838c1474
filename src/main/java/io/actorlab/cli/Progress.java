package io.actorlab.cli;

import io.actorlab.api.RunListener;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * A progress bar on stderr for runs that last: it appears only once a run has gone on for {@link
 * #DELAY}, so short runs print nothing but their result.
 */
final class Progress implements RunListener, AutoCloseable {

  static final Duration DELAY = Duration.ofSeconds(2);

  private final String name;
  private final long total;
  private final String unit;
  private final long startedNanos = System.nanoTime();
  private final AtomicLong completed = new AtomicLong();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "actorlab-progress");
            thread.setDaemon(true);
            return thread;
          });
  private volatile ProgressBar bar;

  private Progress(String name, long total, String unit) {
    this.name = name;
    this.total = total;
    this.unit = unit;
    timer.schedule(this::show, DELAY.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * A progress bar when the user wants one and sits at a terminal, else a listener that is silent.
   *
   * @param unit what is counted, plural: "tasks", "runs"
   */
  static Progress when(boolean wanted, String name, long total, String unit) {
    return new Progress(name, wanted && interactive() ? total : -1, unit);
  }

  /**
   * Java cannot ask whether stderr alone is a terminal. Up to Java 21 a console exists only when stdin
   * and stdout are terminals; from 22 on one exists even when output is piped, and {@code isTerminal()}
   * tells (asked reflectively: actorlab builds for 17).
   */
  private static boolean interactive() {
    java.io.Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }

  @Override
  public void completed(long done) {
    completed.accumulateAndGet(done, Math::max);
    ProgressBar shown = bar;
    if (shown != null) {
      shown.stepTo(completed.get());
    }
  }

  private void show() {
    if (total < 0 || completed.get() >= total) {
      return;
    }
    bar =
        new ProgressBarBuilder()
            .setTaskName(name)
            .setInitialMax(total)
            .setConsumer(new ConsoleProgressBarConsumer(System.err))
            .startsFrom(completed.get(), Duration.ofNanos(System.nanoTime() - startedNanos))
            .setUnit(" " + unit, 1)
            .clearDisplayOnFinish()
            .build();
  }

  /** Stops the bar and clears its line; once, from whichever thread comes first (a shutdown hook). */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    timer.shutdownNow();
    ProgressBar shown = bar;
    if (shown != null) {
      shown.close();
    }
  }
}
