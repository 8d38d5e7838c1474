package io.actorlab.measure;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine a comparison ran on, so a report read later says what its numbers are numbers of.
 *
 * @param cores cores this JVM may use
 * @param javaVersion {@code Runtime.version()}, e.g. 17.0.15+6-Debian-1deb12u1
 * @param javaVendor {@code java.vendor}
 * @param osName {@code os.name}
 * @param osVersion {@code os.version} (the kernel release on Linux)
 * @param osArch {@code os.arch}
 * @param cpuModel the first {@code model name} in {@code /proc/cpuinfo}, or "" when unknown
 * @param memoryBytes physical memory, or -1 when unknown
 */
public record Machine(
    int cores,
    String javaVersion,
    String javaVendor,
    String osName,
    String osVersion,
    String osArch,
    String cpuModel,
    long memoryBytes) {

  /** This machine, as this JVM sees it. */
  public static Machine current() {
    return new Machine(
        ProcessMetrics.availableCores(),
        Runtime.version().toString(),
        System.getProperty("java.vendor", ""),
        System.getProperty("os.name", ""),
        System.getProperty("os.version", ""),
        System.getProperty("os.arch", ""),
        readCpuModel(),
        readMemoryBytes());
  }

  /** The Java feature release, e.g. 17. */
  public int javaFeature() {
    return Runtime.Version.parse(javaVersion).feature();
  }

  private static String readCpuModel() {
    try {
      for (String line :
          new String(Files.readAllBytes(Path.of("/proc/cpuinfo")), ISO_8859_1).split("\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equals("model name")) {
          return line.substring(colon + 1).trim();
        }
      }
    } catch (IOException | SecurityException e) {
      // not Linux: the model stays unknown
    }
    return "";
  }

  private static long readMemoryBytes() {
    try {
      return ManagementFactory.getOperatingSystemMXBean()
              instanceof com.sun.management.OperatingSystemMXBean bean
          ? bean.getTotalMemorySize()
          : ProcessMetrics.UNAVAILABLE;
    } catch (LinkageError e) {
      return ProcessMetrics.UNAVAILABLE;
    }
  }
}
