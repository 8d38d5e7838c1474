package io.actorlab.samples.common;

import io.actorlab.api.ActorLab;
import io.actorlab.mode.ModeCatalog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;

/** What every lesson needs around its point: reading its key=value arguments, choosing its modes. */
public final class SampleSupport {

  /** Modes already reported as needing a newer Java. */
  private static final Set<String> EXPLAINED_JAVA = ConcurrentHashMap.newKeySet();

  private SampleSupport() {}

  /** key=value arguments over the defaults; an unknown key is an error that lists the known ones. */
  public static Map<String, String> options(String[] args, Map<String, String> defaults) {
    Map<String, String> options = new LinkedHashMap<>(defaults);
    for (String arg : args) {
      String[] pair = arg.split("=", 2);
      if (pair.length != 2 || !defaults.containsKey(pair[0])) {
        throw new IllegalArgumentException(
            "unknown argument '" + arg + "'; use key=value with a key of " + defaults.keySet());
      }
      options.put(pair[0], pair[1]);
    }
    return options;
  }

  /** The requested modes this installation can run; prints a line for each one it cannot. */
  public static List<String> availableModes(String[] requested) {
    return availableModes(requested, "");
  }

  /**
   * The requested modes this installation can run; prints a line for each one it cannot, with {@code
   * whyJava} after the first that needs a newer Java (later ones say "see above").
   */
  public static List<String> availableModes(String[] requested, String whyJava) {
    List<String> present = ActorLab.modes().stream().map(ModeCatalog.ModeFile::name).toList();
    List<String> modes = new ArrayList<>();
    for (String mode : requested) {
      if (!present.contains(mode)) {
        System.out.printf("%s: skipped, there is no conf/modes/%s.conf here%n", mode, mode);
        continue;
      }
      int requires = ActorLab.mode(mode).config().getInt("actorlab.mode.requires-java");
      if (Runtime.version().feature() < requires) {
        if (EXPLAINED_JAVA.add(mode)) {
          System.out.printf(
              "%s: skipped, it needs Java %d+ and this is Java %d.%s%n",
              mode, requires, Runtime.version().feature(), whyJava.isEmpty() ? "" : " " + whyJava);
        } else {
          System.out.printf("%s: skipped, it needs Java %d+ (see above)%n", mode, requires);
        }
        continue;
      }
      modes.add(mode);
    }
    return modes;
  }

  /** The run with the median {@code key} of {@code runs} (the upper one of an even count). */
  public static <T> T median(List<T> runs, ToLongFunction<T> key) {
    List<T> sorted = new ArrayList<>(runs);
    sorted.sort(Comparator.comparingLong(key));
    return sorted.get(sorted.size() / 2);
  }
}
