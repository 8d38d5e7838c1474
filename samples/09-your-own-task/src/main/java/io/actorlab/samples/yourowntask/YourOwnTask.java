package io.actorlab.samples.yourowntask;

import io.actorlab.samples.common.SampleSupport;
import io.actorlab.api.ActorLab;
import io.actorlab.api.WorkerPool;
import io.actorlab.measure.BoundaryStats;
import io.actorlab.task.Task;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.slf4j.LoggerFactory;

/**
 * Sample 09: the template for your own task. {@link WordStats} is a complete task; this class runs it
 * through a {@link WorkerPool} in several modes with the registrations of your-own-task.conf, checks
 * that every mode computes the same answer, and then shows the two mistakes actorlab stops at submit:
 * a type that is not registered, and a lambda as a task.
 *
 * <p>Run: {@code samples/run 09 [modes=sequential,threads,serialize-local,processes] [documents=40]
 * [words=2000] [workers=2]}
 */
public final class YourOwnTask {

  private static final Path CONF =
      Path.of(System.getProperty("actorlab.home", "."), "samples", "09-your-own-task", "your-own-task.conf");

  private static final String[] VOCABULARY = {
    "actor", "thread", "process", "message", "mailbox", "dispatcher", "worker", "boundary", "kryo",
    "serialization", "lock", "counter", "virtual", "pool", "task", "future", "cluster", "node"
  };

  private YourOwnTask() {}

  /** Runs the task in every mode, then the two mistakes; see the class comment for the options. */
  public static void main(String[] args) {
    Map<String, String> options =
        SampleSupport.options(
            args,
            Map.of(
                "modes", "sequential,threads,serialize-local,processes",
                "documents", "40",
                "words", "2000",
                "workers", "2"));
    int workers = Integer.parseInt(options.get("workers"));
    List<WordStats.Document> documents =
        documents(Integer.parseInt(options.get("documents")), Integer.parseInt(options.get("words")));
    // Start SLF4J before Pekko logs anything, or it replays the early lines with a warning.
    LoggerFactory.getILoggerFactory();
    System.out.printf(
        "WordStats on %d documents; %d workers; registrations from %s%n",
        documents.size(), workers, CONF);

    List<String> modes = SampleSupport.availableModes(options.get("modes").split(","));
    System.out.printf(
        "%n%-16s %10s %10s %12s %18s  %s%n", "mode", "wall", "words", "checksum", "crossed", "first result");
    Long agreed = null;
    for (String mode : modes) {
      // Your code starts here: a mode, your configuration file, a pool; map your task over inputs.
      try (WorkerPool pool = ActorLab.mode(mode).workers(workers).configFile(CONF).start()) {
        BoundaryStats before = pool.boundary();
        long start = System.nanoTime();
        List<WordStats.Summary> summaries = pool.map(new WordStats(), documents);
        long wall = System.nanoTime() - start;
        BoundaryStats crossed = pool.boundary().minus(before);

        long words = summaries.stream().mapToLong(WordStats.Summary::words).sum();
        long checksum = summaries.hashCode(); // records hash their fields: equal results, equal hash
        if (agreed != null && checksum != agreed) {
          throw new IllegalStateException(mode + " computed different summaries");
        }
        agreed = checksum;
        System.out.printf(
            "%-16s %7.1f ms %10d %12d %18s  %s%n",
            mode, wall / 1e6, words, checksum,
            crossed.messages() + " msgs " + crossed.bytes() / 1000 + " KB", summaries.get(0));
      }
    }

    System.out.println();
    System.out.println("Mistake 1: serialize-local without your-own-task.conf, so WordStats$Document is"
        + " not registered.");
    try (WorkerPool pool = ActorLab.mode("serialize-local").workers(workers).start()) {
      pool.submit(new WordStats(), documents.get(0));
      System.out.println("  (no error: was WordStats$Document registered some other way?)");
    } catch (IllegalArgumentException refused) {
      System.out.println("  submit threw " + describe(refused));
    }

    System.out.println();
    System.out.println("Mistake 2: a lambda as the task (it has no class name a worker could load).");
    Task<WordStats.Document, Integer> lambda = (document, context) -> document.text().length();
    try (WorkerPool pool = ActorLab.mode("threads").workers(workers).start()) {
      pool.submit(lambda, documents.get(0));
      System.out.println("  (no error)");
    } catch (IllegalArgumentException refused) {
      System.out.println("  submit threw " + describe(refused));
    }
  }

  private static String describe(Exception e) {
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  /** Deterministic texts of {@code words} words from a small vocabulary, twelve words a line. */
  private static List<WordStats.Document> documents(int count, int words) {
    List<WordStats.Document> documents = new ArrayList<>();
    for (int d = 0; d < count; d++) {
      SplittableRandom random = new SplittableRandom(d);
      StringBuilder text = new StringBuilder();
      for (int w = 0; w < words; w++) {
        text.append(VOCABULARY[random.nextInt(VOCABULARY.length)]).append(w % 12 == 11 ? '\n' : ' ');
      }
      documents.add(new WordStats.Document("doc-" + d, text.toString()));
    }
    return documents;
  }


}
