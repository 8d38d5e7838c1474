package io.actorlab.workload;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/** The workloads on the classpath, found through {@link ServiceLoader}. */
public final class Workloads {

  private Workloads() {}

  /** Every workload, sorted by name. */
  public static List<Workload> all() {
    List<Workload> found = new ArrayList<>();
    ServiceLoader.load(Workload.class).forEach(found::add);
    found.sort(Comparator.comparing(Workload::name));
    return found;
  }

  /** The workload with this name, if there is one. */
  public static Optional<Workload> named(String name) {
    return all().stream().filter(w -> w.name().equals(name)).findFirst();
  }
}
