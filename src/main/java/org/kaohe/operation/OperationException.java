package org.kaohe.operation;

/** A refused operation, with the HTTP status and the Chinese message the API answers with. */
class OperationException extends RuntimeException {

  final int status;

  OperationException(int status, String message) {
    super(message);
    this.status = status;
  }
}
