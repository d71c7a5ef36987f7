package dev.feedlink.pipeline.provider.domain;

/**
 * A provider document that cannot be read: not well-formed, or missing what its format requires.
 * The message says what and where, for the Loading Error it becomes.
 */
public class MalformedDocumentException extends RuntimeException {

  public MalformedDocumentException(String message) {
    super(message);
  }

  public MalformedDocumentException(String message, Throwable cause) {
    super(message, cause);
  }
}
