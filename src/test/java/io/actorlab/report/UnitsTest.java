package io.actorlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class UnitsTest {

  @Test
  void durationsPickTheirUnitAndKeepThreeFigures() {
    assertEquals("0 ns", Units.duration(0));
    assertEquals("850 ns", Units.duration(850));
    assertEquals("999 ns", Units.duration(999));
    assertEquals("1.00 µs", Units.duration(1_000));
    assertEquals("12.3 µs", Units.duration(12_345));
    assertEquals("412 ms", Units.duration(412_345_678));
    assertEquals("9.00 ms", Units.duration(9_000_000));
    assertEquals("1.23 s", Units.duration(1_234_567_891));
    assertEquals("75.3 s", Units.duration(75_300_000_000L));
    assertEquals("3,600 s", Units.duration(3_600_000_000_000L));
  }

  @Test
  void durationsThatRoundUpToAThousandMoveToTheNextUnit() {
    assertEquals("1.00 ms", Units.duration(999_600));
    assertEquals("1.00 s", Units.duration(999_999_999));
    assertEquals("10.0 ms", Units.duration(9_996_000));
  }

  @Test
  void sizesUsePowersOf1024WithOneDecimal() {
    assertEquals("0 B", Units.bytes(0));
    assertEquals("1023 B", Units.bytes(1023));
    assertEquals("1.0 KB", Units.bytes(1024));
    assertEquals("1.5 KB", Units.bytes(1536));
    assertEquals("1.0 MB", Units.bytes(Units.MB - 1));
    assertEquals("3.2 MB", Units.bytes(3_355_443));
    assertEquals("83.4 MB", Units.bytes(87_450_010));
    assertEquals("1.5 GB", Units.bytes(3 * Units.MB * 512));
  }

  @Test
  void unmeasuredFiguresReadNotAvailable() {
    assertEquals("n/a", Units.duration(-1));
    assertEquals("n/a", Units.bytes(-1));
    assertEquals("n/a", Units.percent(-0.1));
    assertEquals("n/a", Units.percent(Double.NaN));
    assertEquals("n/a", Units.rate(Double.POSITIVE_INFINITY));
  }

  @Test
  void countsGroupThousands() {
    assertEquals("0", Units.count(0));
    assertEquals("1,024", Units.count(1024));
    assertEquals("-1,234,567", Units.count(-1_234_567));
  }

  @Test
  void percentagesKeepADecimalOnlyBelowTen() {
    assertEquals("92%", Units.percent(0.92));
    assertEquals("4.1%", Units.percent(0.041));
    assertEquals("0.0%", Units.percent(0));
    assertEquals("10%", Units.percent(0.0996));
    assertEquals("100%", Units.percent(1.0));
  }

  @Test
  void ratesKeepThreeFiguresButNeverDropIntegerDigits() {
    assertEquals("51.9", Units.rate(51.94));
    assertEquals("12,346", Units.rate(12_345.6));
    assertEquals("10.0", Units.rate(9.996));
    assertEquals("0.0500", Units.rate(0.05));
    assertEquals("0", Units.rate(0));
  }

  @Test
  void jsonNumbersHaveFixedDecimals() {
    assertEquals("1234.568", Units.millis(1_234_567_891).toPlainString());
    assertEquals("0.000", Units.millis(0).toPlainString());
    assertEquals("0.001", Units.millis(500).toPlainString());
    assertEquals("83.4", Units.megabytes(87_450_010).toPlainString());
    assertEquals("0.814", Units.fixed(0.81404, 3).toPlainString());
  }

  @Test
  void outputDoesNotDependOnTheDefaultLocale() {
    Locale saved = Locale.getDefault();
    try {
      Locale.setDefault(Locale.GERMANY);
      assertEquals("1,024", Units.count(1024));
      assertEquals("83.4 MB", Units.bytes(87_450_010));
      assertEquals("1.23 s", Units.duration(1_234_567_891));
    } finally {
      Locale.setDefault(saved);
    }
  }
}
