package org.kaohe.operation;

/**
 * The model {@code processes/result-copy.bpmn}: one copy (抄送) of a task's result to one leader, who reads it and
 * marks it read (已阅). The copy is a snapshot: the source task and its instance are never touched by it.
 */
public final class ResultCopyProcess {

  public static final String KEY = "result-copy";

  public static final String START = "StartEvent_CopyReceived";
  public static final String READ_COPY = "UserTask_ReadCopy";
  public static final String COPY_READ = "EndEvent_CopyRead";

  /** Variables. */
  /** Json: what was copied, by whom, with which comment (see {@link CopySnapshot}). */
  public static final String COPY = "copy";
  /** The leader who reads the copy; the read task's assignee. */
  public static final String RECIPIENT = "recipient";
  public static final String COPIED_BY = "copiedBy";
  public static final String SOURCE_TASK_ID = "sourceTaskId";

  private ResultCopyProcess() {}
}
