package io.actorlab.workload;

/**
 * Prime counting by trial division, the CPU-bound work shared by {@code primes} and {@code hybrid}.
 *
 * <p>Deliberately naive (no sieve): the point is a predictable amount of pure computation per call.
 */
final class PrimeCounting {

  /** How many numbers are tested between two looks at the interrupt flag. */
  private static final long INTERRUPT_CHECK_EVERY = 4096;

  private PrimeCounting() {}

  /**
   * The number of primes {@code p} with {@code 2 <= p < bound}.
   *
   * @throws InterruptedException when the thread is interrupted, so that a per-task timeout can stop
   *     the computation in the thread modes (threads can only be stopped cooperatively)
   */
  static long countBelow(long bound) throws InterruptedException {
    long count = 0;
    for (long n = 2; n < bound; n++) {
      if (n % INTERRUPT_CHECK_EVERY == 0 && Thread.interrupted()) {
        throw new InterruptedException("interrupted while counting primes below " + bound);
      }
      if (isPrime(n)) {
        count++;
      }
    }
    return count;
  }

  /** Whether {@code n} is prime, by trial division with odd divisors up to its square root. */
  static boolean isPrime(long n) {
    if (n < 2) {
      return false;
    }
    if (n % 2 == 0) {
      return n == 2;
    }
    // d <= n / d rather than d * d <= n: the product overflows for n near Long.MAX_VALUE.
    for (long d = 3; d <= n / d; d += 2) {
      if (n % d == 0) {
        return false;
      }
    }
    return true;
  }
}
