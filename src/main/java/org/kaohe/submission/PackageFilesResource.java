package org.kaohe.submission;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.kaohe.document.PoiPackageWorkbooks;
import org.kaohe.document.PoiPackageWorkbooks.PackageImport;
import org.kaohe.document.PoiSummaryDocument;
import org.kaohe.document.YouthSurveyWorkbook.CellProblem;
import org.kaohe.round.Notice;
import org.kaohe.round.NoticeDocument;
import org.kaohe.support.JsonVariables;
import org.kaohe.webapp.TaskResource;
import org.kaohe.webapp.WebappApi;
import org.springframework.context.ApplicationContext;

/**
 * The files of one task, for its form: the notice as an official .docx (any task that carries the round's notice),
 * and on a unit's {@code UserTask_SubmitPackage} the attachment 2 / 3 templates for that unit, the reading of a
 * filled workbook into the form's JSON, and the summary uploaded as .docx.
 *
 * <p>Every engine call runs as the logged-in user: a task the user may not see is "not found", a variable the
 * user may not change is refused by the engine. Reading a workbook stores nothing; the form shows the result and
 * the user saves it with the package. The summary document is stored (as the file variable
 * {@value UnitSubmissionProcess#SUMMARY_DOCUMENT}) only once it has been read successfully.
 */
public class PackageFilesResource extends TaskResource {

  static final int MAX_WORKBOOK_BYTES = 5 * 1024 * 1024;
  static final int MAX_DOCUMENT_BYTES = PoiSummaryDocument.MAX_BYTES;
  static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

  static final String NOT_SUBMISSION = "只有“填报报送材料”任务可以下载附件模板和上传文件";
  static final String NOT_CITY = "本单位只需填写工作总结，无需填报附件2、附件3";
  static final String NO_NOTICE = "该任务没有考核通知";
  static final String TOO_LARGE_WORKBOOK = "文件超过 5 MB，请检查是否选错了文件，或删除多余的工作表和图片后再上传";
  static final String TOO_LARGE_DOCUMENT = "文件超过 10 MB，请检查是否选错了文件，或压缩、删除文档中的图片后再上传";

  public PackageFilesResource(String engineName, ApplicationContext beans, String taskId) {
    super(engineName, beans, taskId);
  }

  @GET
  @Path("templates/key-work")
  public Response keyWorkTemplate() {
    Task task = submissionTask();
    Notice notice = notice(task);
    String unitName = unitName(task);
    requireCity(task);
    byte[] xlsx = beans.getBean(PoiPackageWorkbooks.class).keyWorkTemplate(notice, unitName);
    return WebappApi.download(xlsx, PoiPackageWorkbooks.keyWorkTitle(notice) + "（" + unitName + "）.xlsx", XLSX);
  }

  @GET
  @Path("templates/evaluation")
  public Response evaluationTemplate() {
    Task task = submissionTask();
    Notice notice = notice(task);
    String unitName = unitName(task);
    requireCity(task);
    byte[] xlsx = beans.getBean(PoiPackageWorkbooks.class).evaluationTemplate(notice, unitName);
    return WebappApi.download(xlsx, PoiPackageWorkbooks.evaluationTitle(notice) + "（" + unitName + "）.xlsx", XLSX);
  }

  /** Reads a filled attachment 2; answers {@code {keyWork: […]}} or 422 with every problem at its cell. */
  @POST
  @Path("workbooks/key-work")
  @Consumes("*/*")
  @Produces(WebappApi.JSON_UTF8)
  public Response readKeyWork(InputStream body, @Context HttpHeaders headers) {
    Task task = submissionTask();
    Notice notice = notice(task);
    requireCity(task);
    byte[] xlsx = WebappApi.body(body, headers, MAX_WORKBOOK_BYTES, TOO_LARGE_WORKBOOK);
    return answer("keyWork", () -> beans.getBean(PoiPackageWorkbooks.class).readKeyWork(xlsx, notice));
  }

  /** Reads a filled attachment 3; answers {@code {evaluation: {…}}} or 422 with every problem at its cell. */
  @POST
  @Path("workbooks/evaluation")
  @Consumes("*/*")
  @Produces(WebappApi.JSON_UTF8)
  public Response readEvaluation(InputStream body, @Context HttpHeaders headers) {
    Task task = submissionTask();
    requireCity(task);
    byte[] xlsx = WebappApi.body(body, headers, MAX_WORKBOOK_BYTES, TOO_LARGE_WORKBOOK);
    return answer("evaluation", () -> beans.getBean(PoiPackageWorkbooks.class).readEvaluation(xlsx));
  }

  /**
   * Reads the summary from a .docx and keeps the file with the package; answers the recognised parts and what
   * the user should check, or 422 with the reason (and then nothing is stored).
   */
  @POST
  @Path("summary-document")
  @Consumes("*/*")
  @Produces(WebappApi.JSON_UTF8)
  public Response uploadSummary(InputStream body, @Context HttpHeaders headers) {
    Task task = submissionTask();
    Notice notice = notice(task);
    byte[] docx = WebappApi.body(body, headers, MAX_DOCUMENT_BYTES, TOO_LARGE_DOCUMENT);
    String fileName = WebappApi.fileName(headers, "工作总结.docx");
    PoiSummaryDocument.SummaryImport read = beans.getBean(PoiSummaryDocument.class).read(docx, notice.year());
    if (!read.ok()) {
      throw WebappApi.error(422, read.problem());
    }
    String kept = fileName.toLowerCase(java.util.Locale.ROOT).endsWith(".docx") ? fileName : fileName + ".docx";
    FileValue file = Variables.fileValue(kept).file(docx).mimeType(DOCX).create();
    try {
      taskService().setVariable(task.getId(), UnitSubmissionProcess.SUMMARY_DOCUMENT, file);
    } catch (AuthorizationException e) {
      throw WebappApi.forbidden(e);
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("fileName", file.getFilename());
    answer.put("size", docx.length);
    answer.put("parts", read.parts());
    answer.put("warnings", read.warnings());
    return WebappApi.json(200, answer);
  }

  /** Removes the kept summary document (the text already in the form stays). */
  @DELETE
  @Path("summary-document")
  public Response removeSummary() {
    Task task = submissionTask();
    try {
      taskService().removeVariable(task.getId(), UnitSubmissionProcess.SUMMARY_DOCUMENT);
    } catch (AuthorizationException e) {
      throw WebappApi.forbidden(e);
    }
    return Response.noContent().build();
  }

  /** The round's notice as an official document (GB/T 9704), from the notice this task carries. */
  @GET
  @Path("documents/notice")
  public Response noticeDocument() {
    Task task = visibleTask();
    Notice notice = notice(task);
    // A unit's task names its round; the office's tasks belong to the round's own instance.
    Object roundId = variable(task, UnitSubmissionProcess.ROUND_ID);
    byte[] docx = beans.getBean(NoticeDocument.class)
        .docx(notice, roundId == null ? task.getProcessInstanceId() : roundId.toString());
    return WebappApi.download(docx, notice.title() + ".docx", DOCX);
  }


  private Response answer(String field, Supplier<PackageImport> reading) {
    PackageImport read = reading.get();
    if (!read.ok()) {
      List<Map<String, Object>> problems = read.problems().stream().map(PackageFilesResource::problem).toList();
      // One problem is the message itself (a wrong file type, one bad cell); the form would show it twice.
      if (problems.size() == 1) {
        throw WebappApi.error(422, read.problems().get(0).text());
      }
      throw WebappApi.error(422, "文件中有 " + problems.size() + " 处问题，请修改后重新上传", Map.of("problems", problems));
    }
    return WebappApi.json(200, Map.of(field, read.value()));
  }

  private static Map<String, Object> problem(CellProblem p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sheet", p.sheet());
    m.put("row", p.row());
    m.put("column", p.column());
    m.put("message", p.message());
    m.put("text", p.text());
    return m;
  }

  private Task submissionTask() {
    return task(UnitSubmissionProcess.KEY, UnitSubmissionProcess.SUBMIT_PACKAGE, NOT_SUBMISSION);
  }

  private Notice notice(Task task) {
    Object value = variable(task, UnitSubmissionProcess.NOTICE);
    if (value == null) {
      throw WebappApi.error(409, NO_NOTICE);
    }
    return beans.getBean(JsonVariables.class).read(value.toString(), Notice.class, "考核通知");
  }

  private String unitName(Task task) {
    Object name = variable(task, UnitSubmissionProcess.UNIT_NAME);
    return name == null ? "" : name.toString();
  }

  private void requireCity(Task task) {
    if (!"city".equals(variable(task, UnitSubmissionProcess.UNIT_KIND))) {
      throw WebappApi.error(409, NOT_CITY);
    }
  }

}
