package dev.feedlink.platform.crypto;

/** A sealed secret that cannot be opened: its key is gone, or it was tampered with. */
public class SecretUnavailableException extends RuntimeException {
  public SecretUnavailableException(String message) {
    super(message);
  }

  public SecretUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
