package io.actorlab.measure;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * CPU time, resident memory and cores of this JVM, and resident memory of another process by pid (a
 * worker JVM, say).
 *
 * <p>A reading the platform cannot give is {@link #UNAVAILABLE} ({@code -1}), never an exception, so a
 * report can always be written; reports show it as "n/a". Where each reading comes from:
 *
 * <ul>
 *   <li>CPU time: {@code com.sun.management.OperatingSystemMXBean#getProcessCpuTime} (HotSpot and
 *       OpenJ9). Where that is missing, the sum of the CPU times of the threads alive now, which
 *       undercounts: threads that already ended are not in it. Where thread CPU time is off too, -1.
 *   <li>Resident set size: {@code VmRSS} (current) and {@code VmHWM} (peak, the "high-water mark") in
 *       {@code /proc/<pid>/status}, so Linux only; on other systems both are -1. The kernel reports
 *       them in {@code kB}, meaning 1024 bytes.
 * </ul>
 */
public final class ProcessMetrics {

  /** What every reading returns when the platform cannot measure it, or the process does not exist. */
  public static final long UNAVAILABLE = -1;

  private static final Path PROC = Path.of("/proc");
  private static final String PEAK_RSS = "VmHWM";
  private static final String CURRENT_RSS = "VmRSS";

  // Looked up once: the com.sun.management interface may be absent on exotic JVMs.
  private static final com.sun.management.OperatingSystemMXBean OS_BEAN = processCpuBean();

  private ProcessMetrics() {}

  /** CPU time used so far by all threads of this JVM, in nanoseconds, or -1 when unavailable. */
  public static long cpuNanos() {
    if (OS_BEAN != null) {
      long nanos = OS_BEAN.getProcessCpuTime();
      if (nanos >= 0) {
        return nanos;
      }
    }
    return liveThreadsCpuNanos();
  }

  /** The peak resident set size of this JVM so far, in bytes, or -1 when unavailable (not Linux). */
  public static long peakRssBytes() {
    return statusBytes(PROC.resolve("self"), PEAK_RSS);
  }

  /** The resident set size of this JVM now, in bytes, or -1 when unavailable (not Linux). */
  public static long currentRssBytes() {
    return statusBytes(PROC.resolve("self"), CURRENT_RSS);
  }

  /**
   * The peak resident set size of process {@code pid} so far, in bytes; -1 when it cannot be read: not
   * Linux, no such process, a process that has exited (even if not yet reaped) or one without memory
   * of its own (a kernel thread).
   */
  public static long peakRssBytes(long pid) {
    return pid <= 0 ? UNAVAILABLE : statusBytes(PROC.resolve(Long.toString(pid)), PEAK_RSS);
  }

  /** The resident set size of process {@code pid} now, in bytes; -1 as for the peak. */
  public static long currentRssBytes(long pid) {
    return pid <= 0 ? UNAVAILABLE : statusBytes(PROC.resolve(Long.toString(pid)), CURRENT_RSS);
  }

  /**
   * How long the calling thread has waited for a core so far (runnable, but another thread ran), in
   * nanoseconds: the second field of Linux's {@code /proc/thread-self/schedstat}. -1 when it cannot be
   * read (not Linux, or a kernel without scheduler statistics).
   */
  public static long threadRunQueueNanos() {
    try {
      String[] fields =
          new String(Files.readAllBytes(PROC.resolve("thread-self").resolve("schedstat")), ISO_8859_1)
              .trim()
              .split("\\s+");
      return fields.length < 2 ? UNAVAILABLE : Long.parseLong(fields[1]);
    } catch (IOException | NumberFormatException e) {
      return UNAVAILABLE;
    }
  }

  /** The cores this JVM may use (container and affinity limits included). */
  public static int availableCores() {
    return Runtime.getRuntime().availableProcessors();
  }

  /**
   * The fallback for {@link #cpuNanos()}: CPU time of the threads alive now, or -1 when the JVM does not
   * measure thread CPU time. Two readings may go down when threads end between them.
   */
  static long liveThreadsCpuNanos() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    if (!threads.isThreadCpuTimeSupported() || !threads.isThreadCpuTimeEnabled()) {
      return UNAVAILABLE;
    }
    long sum = 0;
    for (long id : threads.getAllThreadIds()) {
      long nanos = threads.getThreadCpuTime(id);
      if (nanos > 0) { // -1 for a thread that ended since getAllThreadIds()
        sum += nanos;
      }
    }
    return sum;
  }

  /**
   * The value of {@code field} in the text of a {@code /proc/<pid>/status} file, in bytes, or -1 when
   * the field is missing or malformed. Accepts a plain number (bytes) or a number followed by
   * {@code kB}, {@code MB} or {@code GB} in any case, each a power of 1024, as the kernel's {@code kB}.
   */
  static long parseStatusBytes(String status, String field) {
    for (String line : status.split("\n")) {
      int colon = line.indexOf(':');
      if (colon < 0 || !line.substring(0, colon).trim().equals(field)) {
        continue;
      }
      String[] parts = line.substring(colon + 1).trim().split("\\s+");
      if (parts.length == 0 || parts.length > 2) {
        return UNAVAILABLE;
      }
      long multiplier = parts.length == 1 ? 1 : unitMultiplier(parts[1]);
      try {
        long value = Long.parseLong(parts[0]);
        return multiplier < 0 || value < 0 ? UNAVAILABLE : Math.multiplyExact(value, multiplier);
      } catch (NumberFormatException | ArithmeticException e) {
        return UNAVAILABLE;
      }
    }
    return UNAVAILABLE;
  }

  private static long unitMultiplier(String unit) {
    return switch (unit.toLowerCase(Locale.ROOT)) {
      case "b" -> 1;
      case "kb", "kib" -> 1L << 10;
      case "mb", "mib" -> 1L << 20;
      case "gb", "gib" -> 1L << 30;
      default -> UNAVAILABLE;
    };
  }

  private static long statusBytes(Path processDir, String field) {
    try {
      // Latin-1 never fails to decode: the Name line may hold bytes that are not UTF-8.
      String status = new String(Files.readAllBytes(processDir.resolve("status")), ISO_8859_1);
      return parseStatusBytes(status, field);
    } catch (IOException | SecurityException e) {
      // No /proc (not Linux), no such process, or it exited while we read.
      return UNAVAILABLE;
    }
  }

  private static com.sun.management.OperatingSystemMXBean processCpuBean() {
    try {
      return ManagementFactory.getOperatingSystemMXBean()
              instanceof com.sun.management.OperatingSystemMXBean bean
          ? bean
          : null;
    } catch (LinkageError e) {
      return null;
    }
  }
}
