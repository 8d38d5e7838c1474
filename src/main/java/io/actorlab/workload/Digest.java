package io.actorlab.workload;

import java.util.List;

/**
 * A stable, order-sensitive 64-bit digest of task outputs: the checksum every mode must reproduce.
 *
 * <p>FNV-1a applied to whole 64-bit words. Each step (xor, then multiply by an odd number) is a bijection,
 * so changing any single word, or swapping two different words, changes the digest. It is a checksum for
 * catching wrong or misordered results, not a cryptographic hash.
 */
final class Digest {

  /** The digest of nothing. */
  static final long EMPTY = 0xcbf29ce484222325L;

  private static final long PRIME = 0x100000001b3L;

  private Digest() {}

  /** Folds one more word into {@code digest}. */
  static long add(long digest, long word) {
    return (digest ^ word) * PRIME;
  }

  /** The digest of numbers in list order. */
  static long ofNumbers(List<? extends Number> values) {
    long digest = EMPTY;
    for (Number value : values) {
      digest = add(digest, value.longValue());
    }
    return digest;
  }

  /** Folds an array's length and then its elements into {@code digest}. */
  static long addInts(long digest, int[] values) {
    // The length first, so that [1, 2][3] and [1][2, 3] digest differently.
    digest = add(digest, values.length);
    for (int value : values) {
      digest = add(digest, value);
    }
    return digest;
  }

  /** The digest of a byte array's length and bytes. */
  static long ofBytes(byte[] bytes) {
    long digest = add(EMPTY, bytes.length);
    for (byte b : bytes) {
      digest = add(digest, b);
    }
    return digest;
  }

  /** The digest of strings in list order: each one's length, then its characters. */
  static long ofStrings(List<String> values) {
    long digest = EMPTY;
    for (String value : values) {
      digest = add(digest, value.length());
      for (int i = 0; i < value.length(); i++) {
        digest = add(digest, value.charAt(i));
      }
    }
    return digest;
  }
}
