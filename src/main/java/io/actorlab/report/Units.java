package io.actorlab.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Figures in units a person reads at a glance, and the fixed-decimal numbers of the JSON report: the one
 * place where reports turn nanoseconds and bytes into something else.
 *
 * <p>Conventions: a negative figure means "not measured" (the {@code -1} of
 * {@link io.actorlab.measure.ProcessMetrics#UNAVAILABLE}) and reads {@code n/a}. A KB is 1024 bytes and
 * an MB 1024 KB, as in {@code top} and {@code /proc}. Durations keep three significant figures; numbers
 * use {@code ,} between thousands whatever the machine's locale, so output is the same everywhere.
 */
public final class Units {

  /** What a figure that was not measured reads as. */
  public static final String NOT_AVAILABLE = "n/a";

  /** Bytes in a KB. */
  public static final long KB = 1L << 10;

  /** Bytes in an MB. */
  public static final long MB = 1L << 20;

  private static final String[] TIME_UNITS = {"ns", "µs", "ms", "s"};
  private static final String[] SIZE_UNITS = {"B", "KB", "MB", "GB", "TB"};
  private static final int FIGURES = 3;
  private static final long NANOS_PER_MILLI = 1_000_000;
  private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
  private static final BigDecimal KILO = BigDecimal.valueOf(KB);

  private Units() {}

  /** A duration such as {@code 850 ns}, {@code 12.3 µs}, {@code 412 ms} or {@code 1.23 s}. */
  public static String duration(long nanos) {
    if (nanos < 0) {
      return NOT_AVAILABLE;
    }
    if (nanos < 1000) {
      return nanos + " " + TIME_UNITS[0];
    }
    int unit = 0;
    double value = nanos;
    while (unit < TIME_UNITS.length - 1 && significant(value, FIGURES).compareTo(THOUSAND) >= 0) {
      value /= 1000;
      unit++;
    }
    return format(significant(value, FIGURES)) + " " + TIME_UNITS[unit];
  }

  /** A size such as {@code 512 B}, {@code 3.2 KB}, {@code 83.4 MB} or {@code 1.5 GB}. */
  public static String bytes(long bytes) {
    if (bytes < 0) {
      return NOT_AVAILABLE;
    }
    if (bytes < KB) {
      return bytes + " " + SIZE_UNITS[0];
    }
    int unit = 0;
    BigDecimal value = BigDecimal.valueOf(bytes);
    while (unit < SIZE_UNITS.length - 1
        && value.setScale(1, RoundingMode.HALF_UP).compareTo(KILO) >= 0) {
      value = value.divide(KILO);
      unit++;
    }
    return format(value.setScale(1, RoundingMode.HALF_UP)) + " " + SIZE_UNITS[unit];
  }

  /** A count with thousands separated: {@code 1,024}. */
  public static String count(long count) {
    return String.format(Locale.ROOT, "%,d", count);
  }

  /**
   * A fraction as a percentage: 0.92 reads {@code 92%}, 0.041 reads {@code 4.1%}; one decimal below
   * 10%, none above. Negative or not a number reads {@code n/a}.
   */
  public static String percent(double fraction) {
    if (!(fraction >= 0) || Double.isInfinite(fraction)) {
      return NOT_AVAILABLE;
    }
    BigDecimal percent = BigDecimal.valueOf(fraction * 100).setScale(1, RoundingMode.HALF_UP);
    if (percent.compareTo(BigDecimal.TEN) >= 0) {
      percent = percent.setScale(0, RoundingMode.HALF_UP);
    }
    return format(percent) + "%";
  }

  /** A rate with three significant figures, e.g. {@code 51.9}; 12,345 stays whole, not 12,300. */
  public static String rate(double perSecond) {
    if (!(perSecond >= 0) || Double.isInfinite(perSecond)) {
      return NOT_AVAILABLE;
    }
    return format(significant(perSecond, FIGURES));
  }

  /** Nanoseconds as milliseconds with exactly three decimals, for the JSON report. */
  public static BigDecimal millis(long nanos) {
    return BigDecimal.valueOf(nanos)
        .divide(BigDecimal.valueOf(NANOS_PER_MILLI))
        .setScale(3, RoundingMode.HALF_UP);
  }

  /** Bytes as MB with exactly one decimal, for the JSON report. */
  public static BigDecimal megabytes(long bytes) {
    return BigDecimal.valueOf(bytes).divide(BigDecimal.valueOf(MB)).setScale(1, RoundingMode.HALF_UP);
  }

  /** A finite number rounded half-up to a fixed number of decimals, for the JSON report. */
  public static BigDecimal fixed(double value, int decimals) {
    return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP);
  }

  /**
   * {@code value} rounded to {@code figures} significant figures, but never losing integer digits
   * (12,345 stays 12,345); decimals are chosen again after rounding, so 9.996 becomes 10.0, not 10.00.
   */
  private static BigDecimal significant(double value, int figures) {
    BigDecimal exact = BigDecimal.valueOf(value);
    BigDecimal rounded = exact.setScale(decimalsFor(exact, figures), RoundingMode.HALF_UP);
    return rounded.setScale(decimalsFor(rounded, figures), RoundingMode.HALF_UP);
  }

  private static int decimalsFor(BigDecimal value, int figures) {
    if (value.signum() == 0) {
      return 0;
    }
    int integerDigits = value.precision() - value.scale(); // position of the leading digit
    return Math.max(0, figures - integerDigits);
  }

  private static String format(BigDecimal value) {
    return String.format(Locale.ROOT, "%,." + Math.max(0, value.scale()) + "f", value);
  }
}
