import io.actorlab.api.ActorLab;
import io.actorlab.api.WorkerPool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a started processes pool costs while it runs nothing: the CPU its JVMs use per second of idle
 * time (cluster gossip, heartbeats, Pekko's scheduler), the coordinator's JVM (this one) and each
 * worker's, from /proc/PID/stat (Linux). A kept pool ({@code actorlab.compare.reuse-pool}) pays this
 * while the other modes of a comparison run. Each round starts a pool, lets it settle for 5 s, then
 * measures {@code seconds}; the median over the rounds is printed.
 *
 * <p>Run: {@code bench/run IdlePool [rounds=3] [workers=2] [seconds=20]}
 */
public final class IdlePool {

  /** Clock ticks per second of /proc/PID/stat's CPU times (USER_HZ, 100 on Linux). */
  private static final double TICKS_PER_SECOND = 100;

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    int workers = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    System.out.printf(
        "%d rounds, %d workers, %d s idle each, Java %s, %d cores%n",
        rounds, workers, seconds, Runtime.version(), Runtime.getRuntime().availableProcessors());
    List<Double> coordinator = new ArrayList<>();
    List<Double> perWorker = new ArrayList<>();
    List<Double> pool = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      try (WorkerPool started = ActorLab.mode("processes").workers(workers).start()) {
        Thread.sleep(5_000); // start-up's JIT and garbage settle
        List<Long> pids = new ArrayList<>();
        pids.add(ProcessHandle.current().pid());
        ProcessHandle.current().children().forEach(child -> pids.add(child.pid()));
        long[] before = pids.stream().mapToLong(IdlePool::cpuTicks).toArray();
        Thread.sleep(seconds * 1_000L);
        double total = 0;
        StringBuilder line = new StringBuilder("round " + round + ":");
        for (int i = 0; i < pids.size(); i++) {
          double msPerSecond =
              (cpuTicks(pids.get(i)) - before[i]) / TICKS_PER_SECOND * 1_000 / seconds;
          total += msPerSecond;
          (i == 0 ? coordinator : perWorker).add(msPerSecond);
          line.append(String.format("  %s %.0f ms/s", i == 0 ? "coordinator" : "worker", msPerSecond));
        }
        pool.add(total);
        System.out.println(line.append(String.format("  pool %.0f ms/s", total)));
      }
    }
    System.out.printf(
        "%nmedians: coordinator %.0f ms/s, a worker %.0f ms/s, the pool %.0f ms/s of CPU while idle%n",
        median(coordinator), median(perWorker), median(pool));
  }

  /** User plus system CPU time of a process so far, in clock ticks; 0 once it has exited. */
  private static long cpuTicks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // Fields after the command name, which is in parentheses and may hold spaces: utime is the
      // 12th of them, stime the 13th.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    } catch (IOException e) {
      return 0;
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
