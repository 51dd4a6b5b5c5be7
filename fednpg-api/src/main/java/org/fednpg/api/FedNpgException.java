package org.fednpg.api;

/** Base class of every exception fednpg throws on purpose. */
public class FedNpgException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public FedNpgException(String message) {
    super(message);
  }

  public FedNpgException(String message, Throwable cause) {
    super(message, cause);
  }
}
