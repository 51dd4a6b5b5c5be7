package org.fednpg.api;

/**
 * Bad input from a user: a malformed file, an invalid matrix, an out-of-range parameter, an unknown
 * name. The message names the file, field or value at fault and what was expected, on one line, so
 * the command line can print it as is.
 */
public class InvalidInputException extends FedNpgException {
  private static final long serialVersionUID = 1L;

  public InvalidInputException(String message) {
    super(message);
  }

  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The same problem, prefixed with where it was found (for example a file name). */
  public InvalidInputException in(String where) {
    return new InvalidInputException(where + ": " + getMessage(), this);
  }
}
