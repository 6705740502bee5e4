package org.kaohe.organisation;

import java.util.List;

/** A organisation file that cannot be used; start-up stops with its message. */
public class OrganisationException extends RuntimeException {

  private final String file;
  private final List<String> problems;

  OrganisationException(String file, List<String> problems, Throwable cause) {
    super(format(file, problems), cause);
    this.file = file;
    this.problems = List.copyOf(problems);
  }

  OrganisationException(String file, List<String> problems) {
    this(file, problems, null);
  }

  private static String format(String file, List<String> problems) {
    StringBuilder message = new StringBuilder("组织配置文件 ").append(file).append(" 有误，Kaohe 未启动：");
    for (String problem : problems) {
      message.append(System.lineSeparator()).append("  - ").append(file).append(": ").append(problem);
    }
    return message.toString();
  }

  public String file() {
    return file;
  }

  public List<String> problems() {
    return problems;
  }
}
