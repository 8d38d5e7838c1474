package io.actorlab.serialization;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code actorlab.serialization} config section, read once and validated.
 *
 * @param builtin classes actorlab itself sends, in registration order (ids from {@link #FIRST_BUILTIN_ID})
 * @param register the user's classes, in registration order (ids right after {@code builtin})
 * @param maxMessageBytes the largest serialized message accepted, written or read
 * @param maxDepth the deepest object nesting accepted, written or read
 * @param bufferSize the initial size of each pooled output buffer
 */
public record SerializationSettings(
    List<String> builtin,
    List<String> register,
    int maxMessageBytes,
    int maxDepth,
    int bufferSize) {

  /**
   * The serialized bytes of task inputs, or of outputs, that one chunk of tasks may carry in one
   * message: half the message limit, so that the rest of the message always fits.
   */
  public int chunkBytes() {
    return maxMessageBytes / 2;
  }

  /** Where the section lives in the config. */
  public static final String PATH = "actorlab.serialization";

  /** Full config key of the builtin class list. */
  public static final String BUILTIN_KEY = PATH + ".builtin";

  /** Full config key of the user's class list. */
  public static final String REGISTER_KEY = PATH + ".register";

  /** Full config key of the message size limit. */
  public static final String MAX_MESSAGE_BYTES_KEY = PATH + ".max-message-bytes";

  /** Full config key of the nesting limit. */
  public static final String MAX_DEPTH_KEY = PATH + ".max-depth";

  /** Full config key of the initial output buffer size. */
  public static final String BUFFER_SIZE_KEY = PATH + ".buffer-size";

  /** The Kryo id of the first {@code builtin} class; the JDK types actorlab registers itself sit below. */
  public static final int FIRST_BUILTIN_ID = 100;

  static final long MIN_MESSAGE_BYTES = 1024;
  static final long MAX_MESSAGE_BYTES = 1L << 30;
  static final int MAX_DEPTH_LIMIT = 1000;
  static final long MIN_BUFFER_SIZE = 256;

  /** Copies the lists so a settings value never changes. */
  public SerializationSettings {
    builtin = List.copyOf(builtin);
    register = List.copyOf(register);
  }

  /** Reads and validates {@code actorlab.serialization} from a full (root) config. */
  public static SerializationSettings create(Config config) {
    List<String> builtin = classNames(config, BUILTIN_KEY);
    List<String> register = classNames(config, REGISTER_KEY);
    rejectDuplicates(config, builtin, register);

    long maxMessageBytes = config.getBytes(MAX_MESSAGE_BYTES_KEY);
    if (maxMessageBytes < MIN_MESSAGE_BYTES || maxMessageBytes > MAX_MESSAGE_BYTES) {
      throw bad(
          config,
          MAX_MESSAGE_BYTES_KEY,
          "must be between 1 KiB and 1 GiB, was " + maxMessageBytes + " bytes");
    }
    int maxDepth = config.getInt(MAX_DEPTH_KEY);
    if (maxDepth < 1 || maxDepth > MAX_DEPTH_LIMIT) {
      throw bad(
          config, MAX_DEPTH_KEY, "must be between 1 and " + MAX_DEPTH_LIMIT + ", was " + maxDepth);
    }
    long bufferSize = config.getBytes(BUFFER_SIZE_KEY);
    if (bufferSize < MIN_BUFFER_SIZE) {
      throw bad(
          config,
          BUFFER_SIZE_KEY,
          "must be at least " + MIN_BUFFER_SIZE + " bytes, was " + bufferSize);
    }
    // A buffer never needs to be larger than the largest message, so a small max-message-bytes alone
    // is a valid setting.
    return new SerializationSettings(
        builtin,
        register,
        (int) maxMessageBytes,
        maxDepth,
        (int) Math.min(bufferSize, maxMessageBytes));
  }

  private static List<String> classNames(Config config, String key) {
    List<String> names = config.getStringList(key);
    for (String name : names) {
      if (name.isBlank() || !name.strip().equals(name) || name.indexOf(' ') >= 0) {
        throw bad(config, key, "\"" + name + "\" is not a class name (blank or contains spaces)");
      }
    }
    return names;
  }

  // A class listed twice would take two ids, and which one a node uses would depend on list order.
  private static void rejectDuplicates(Config config, List<String> builtin, List<String> register) {
    Map<String, String> seen = new HashMap<>();
    for (String name : builtin) {
      String before = seen.put(name, BUILTIN_KEY);
      if (before != null) {
        throw bad(config, BUILTIN_KEY, "\"" + name + "\" is listed twice");
      }
    }
    for (String name : register) {
      String before = seen.put(name, REGISTER_KEY);
      if (before != null) {
        throw bad(
            config,
            REGISTER_KEY,
            "\""
                + name
                + "\" is listed twice"
                + (before.equals(BUILTIN_KEY)
                    ? " (actorlab registers it already in " + BUILTIN_KEY + ")"
                    : ""));
      }
    }
  }

  // The origin of the key itself, so the message points at the file and line that set the bad
  // value.
  private static ConfigException.BadValue bad(Config config, String key, String message) {
    return new ConfigException.BadValue(config.getValue(key).origin(), key, message);
  }
}
