package org.kaohe.operation;

/** The approval operations on an open task, by the names the API uses in its URLs and answers. */
enum Operation {
  URGE("urge", "催办"),
  RETURN("return", "退回"),
  COPY("copy", "抄送"),
  DELEGATE("delegate", "委派"),
  TRANSFER("transfer", "转办");

  final String path;
  final String label;

  Operation(String path, String label) {
    this.path = path;
    this.label = label;
  }
}
