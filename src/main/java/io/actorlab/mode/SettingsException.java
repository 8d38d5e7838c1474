package io.actorlab.mode;

/**
 * The configuration the user gave cannot be used: an unknown mode, a bad value, a file that is not
 * there. The message says what is wrong and how to put it right; no stack trace is needed.
 */
public final class SettingsException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** A problem described for the user. */
  public SettingsException(String message) {
    super(message);
  }

  /** A problem described for the user, with the underlying cause for {@code -v}. */
  public SettingsException(String message, Throwable cause) {
    super(message, cause);
  }
}
