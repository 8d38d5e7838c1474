package io.actorlab.samples.boundarycost;

import java.io.IOException;
import java.nio.IntBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An int array in a memory-mapped file, named by its path: the message that crosses instead of the
 * array (the JVM's answer to Python's {@code multiprocessing.shared_memory}). Registered for Kryo in
 * boundary-cost.conf.
 *
 * @param path the file, best on a RAM-backed file system such as /dev/shm
 * @param length how many ints it holds
 */
public record MappedArray(String path, int length) {

  /** Writes {@code values} into a new memory-mapped file at {@code file}: the sender's one copy. */
  public static MappedArray write(Path file, int[] values) throws IOException {
    try (FileChannel channel =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE)) {
      channel.map(FileChannel.MapMode.READ_WRITE, 0, (long) values.length * Integer.BYTES)
          .asIntBuffer()
          .put(values);
    }
    return new MappedArray(file.toString(), values.length);
  }

  /**
   * Maps the file read-only: the receiver reads the pages the sender wrote, with no copy. The mapping
   * lives until the buffer is garbage-collected.
   */
  public IntBuffer map() throws IOException {
    try (FileChannel channel = FileChannel.open(Path.of(path), StandardOpenOption.READ)) {
      return channel.map(FileChannel.MapMode.READ_ONLY, 0, (long) length * Integer.BYTES).asIntBuffer();
    }
  }
}
