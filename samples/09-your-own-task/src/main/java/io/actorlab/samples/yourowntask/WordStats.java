package io.actorlab.samples.yourowntask;

import io.actorlab.task.Task;
import io.actorlab.task.TaskContext;
import java.util.HashSet;
import java.util.Set;

/**
 * A task of your own: counts the lines, words and distinct words of a document.
 *
 * <p>What makes it a task that runs in every mode, a process boundary included:
 *
 * <ul>
 *   <li>a public top-level class with a public no-argument constructor: a worker creates its own
 *       instance from the class name, as Python pickles a function by reference;
 *   <li>no fields that one run relies on: everything a run needs travels in its input;
 *   <li>input and output are plain records of registered types (Strings and ints here), listed in
 *       {@code actorlab.serialization.register} (see your-own-task.conf).
 * </ul>
 */
public final class WordStats implements Task<WordStats.Document, WordStats.Summary> {

  /** The input: a named text. Crosses to the worker, so it is registered. */
  public record Document(String name, String text) {}

  /** The output: what was counted. Crosses back, so it is registered too. */
  public record Summary(String name, int lines, int words, int distinctWords, String longestWord) {}

  /** Creates the task; each worker makes its own. */
  public WordStats() {}

  @Override
  public Summary run(Document document, TaskContext context) {
    int lines = document.text().isEmpty() ? 0 : document.text().split("\n", -1).length;
    int words = 0;
    String longest = "";
    Set<String> distinct = new HashSet<>();
    for (String word : document.text().split("\\s+")) {
      if (word.isEmpty()) {
        continue;
      }
      words++;
      distinct.add(word);
      if (word.length() > longest.length()) {
        longest = word;
      }
    }
    return new Summary(document.name(), lines, words, distinct.size(), longest);
  }
}
