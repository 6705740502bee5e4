package org.kaohe.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.Task;
import org.kaohe.identity.Groups;
import org.kaohe.progressreport.KeyWorkImport;
import org.kaohe.progressreport.ProgressReportingProcess;
import org.kaohe.round.AnnualAssessmentProcess;
import org.kaohe.webapp.TaskResource;
import org.kaohe.webapp.WebappApi;
import org.springframework.context.ApplicationContext;

/**
 * Catalogue import for the office's {@code UserTask_DraftNotice} ({@code draft-notice.html}): a notice or a
 * work-points page, uploaded as an HTML file (office and administrators) or fetched from a URL (administrators only:
 * the server fetches what it is told, so only those who may configure the system may point it somewhere), becomes a
 * catalogue in the notice's shape with the importer's warnings and the department names it could not map. The answer
 * is for the form's review panel: nothing is stored here. The reviewed catalogue reaches the round only with the
 * notice when the office completes the task, where {@code noticeValidator} checks and cleans it.
 *
 * <p>Every engine call runs as the logged-in user: a task the user may not see is "not found". Roles come from the
 * engine's current authentication (the webapp session's groups), never from the request.
 */
public class CatalogueImportResource extends TaskResource {

  static final String NOT_DRAFT = "只有“起草通知”和“起草重点工作目录”任务可以导入考核目录";
  static final String NOT_OFFICE = "只有办公室工作人员和系统管理员可以导入考核目录";
  static final String NOT_ADMINISTRATOR = "从网址导入只限系统管理员使用（服务器将访问该网址）。请在浏览器中打开网页，"
      + "“另存为”网页文件（.html）后用“从网页文件导入”导入，或请系统管理员代为导入。";
  static final String TOO_LARGE = "文件超过 " + WorkPointsImporter.MAX_BYTES / 1024 / 1024 + " MB，请检查是否选错了文件";
  static final String NO_URL = "请填写要导入的网页地址（以 http:// 或 https:// 开头）";
  static final String BAD_URL = "网页地址格式不正确，请复制浏览器地址栏中的完整地址";
  static final int MAX_URL_REQUEST = 8 * 1024;
  static final int MAX_URL_LENGTH = 2_000;

  private static final ObjectMapper JSON = new ObjectMapper();

  public CatalogueImportResource(String engineName, ApplicationContext beans, String taskId) {
    super(engineName, beans, taskId);
  }

  /** The body is the HTML file itself; its name (percent-encoded) in {@value WebappApi#FILE_NAME_HEADER}. */
  @POST
  @Path("file")
  @Consumes("*/*")
  @Produces(WebappApi.JSON_UTF8)
  public Response importFile(InputStream body, @Context HttpHeaders headers) {
    Task task = draftTask();
    if (!inGroup(Groups.OFFICE) && !inGroup(Groups.ADMINISTRATORS)) {
      throw WebappApi.error(403, NOT_OFFICE);
    }
    byte[] html = WebappApi.body(body, headers, WorkPointsImporter.MAX_BYTES, TOO_LARGE);
    String fileName = WebappApi.fileName(headers, "所选文件");
    String refusal = notHtml(html, fileName);
    if (refusal != null) {
      throw WebappApi.error(422, refusal);
    }
    return answer(task, beans.getBean(WorkPointsImporter.class).importHtml(html), fileName);
  }

  /** The body is {@code {"url": "https://…"}}; the importer refuses internal addresses (SSRF guard). */
  @POST
  @Path("url")
  @Consumes("*/*")
  @Produces(WebappApi.JSON_UTF8)
  public Response importUrl(InputStream body, @Context HttpHeaders headers) {
    Task task = draftTask();
    if (!inGroup(Groups.ADMINISTRATORS)) {
      throw WebappApi.error(403, NOT_ADMINISTRATOR);
    }
    byte[] request = WebappApi.body(body, headers, MAX_URL_REQUEST, "请求内容过长");
    String url;
    try {
      JsonNode node = JSON.readTree(request);
      url = node == null ? "" : node.path("url").asText("").strip();
    } catch (IOException e) {
      throw WebappApi.error(400, NO_URL);
    }
    if (url.isEmpty()) {
      throw WebappApi.error(400, NO_URL);
    }
    URI uri;
    try {
      if (url.length() > MAX_URL_LENGTH) {
        throw new URISyntaxException(url.substring(0, 50), "too long");
      }
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw WebappApi.error(400, BAD_URL);
    }
    DraftCatalogue draft;
    try {
      draft = beans.getBean(WorkPointsImporter.class).importUrl(uri);
    } catch (CatalogueImportException e) {
      throw WebappApi.error(422, e.getMessage());
    }
    return answer(task, draft, url);
  }

  private Response answer(Task task, DraftCatalogue draft, String source) {
    if (draft.isEmpty()) {
      // nothing to review: say what the importer saw instead of opening an empty review panel
      String message = draft.warnings().isEmpty() ? "未能从该网页识别出考核目录" : draft.warnings().get(draft.warnings().size() - 1);
      throw WebappApi.error(422, message, Map.of("warnings", draft.warnings()));
    }
    if (isKeyWorkDraft(task)) {
      Object requested = variable(task, ProgressReportingProcess.YEAR);
      Map<String, Object> answer = new LinkedHashMap<>(beans.getBean(KeyWorkImport.class)
          .map(draft, requested instanceof Number n ? n.intValue() : 0));
      answer.put("source", source);
      return WebappApi.json(200, answer);
    }
    JsonNode notice = notice(task);
    int year = notice.path("year").asInt(0);
    if (year == 0) {
      Object requested = variable(task, AnnualAssessmentProcess.YEAR);
      year = requested instanceof Number n ? n.intValue() : 0;
    }
    CatalogueMapper.ImportedCatalogue imported = beans.getBean(CatalogueMapper.class)
        .map(draft, year, notice.path("catalogue").path("title").asText(""));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("catalogue", imported.catalogue());
    answer.put("warnings", imported.warnings());
    answer.put("unknownDepartments", imported.unknownDepartments());
    answer.put("source", source);
    return WebappApi.json(200, answer);
  }

  /**
   * Why the bytes are not an HTML page, or null. jsoup reads anything as HTML, so a Word file or a picture would
   * come back as "no sections found"; the office should hear what it chose instead.
   */
  static String notHtml(byte[] bytes, String fileName) {
    String file = "“" + fileName + "”";
    String saveAs = "请在浏览器中打开通知或工作要点网页，用“另存为”保存为网页文件（.html）后再导入。";
    if (bytes.length == 0) {
      return file + "是空文件。" + saveAs;
    }
    if (startsWith(bytes, 'P', 'K', 3, 4)) {
      return file + "是 Word、Excel 文档（.docx、.xlsx）或压缩文件，不是网页文件。" + saveAs;
    }
    if (startsWith(bytes, '%', 'P', 'D', 'F')) {
      return file + "是 PDF 文件，不是网页文件。" + saveAs;
    }
    if (startsWith(bytes, 0xD0, 0xCF, 0x11, 0xE0)) {
      return file + "是旧版 Word、Excel 文档（.doc、.xls），不是网页文件。" + saveAs;
    }
    if (startsWith(bytes, 0x89, 'P', 'N', 'G') || startsWith(bytes, 0xFF, 0xD8, 0xFF) || startsWith(bytes, 'G', 'I', 'F', '8')) {
      return file + "是图片，不是网页文件。" + saveAs;
    }
    if (startsWith(bytes, '{', '\\', 'r', 't', 'f')) {
      return file + "是 RTF 文档，不是网页文件。" + saveAs;
    }
    boolean utf16 = startsWith(bytes, 0xFF, 0xFE) || startsWith(bytes, 0xFE, 0xFF);
    if (!utf16) {
      // text (HTML in any charset jsoup reads) has no NUL and hardly any other control byte
      int sample = Math.min(bytes.length, 8 * 1024);
      int control = 0;
      for (int i = 0; i < sample; i++) {
        int b = bytes[i] & 0xff;
        if (b == 0) {
          control = sample;
          break;
        }
        if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x1B) {
          control++;
        }
      }
      if (control * 100 > sample) {
        return file + "不是网页文件（内容为二进制数据）。" + saveAs;
      }
    }
    return null;
  }

  private static boolean startsWith(byte[] bytes, int... prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[i] & 0xff) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * The office's draft-notice task or its draft of the year's key work (progress-reporting), as the user may see it:
   * both import the same work-points page, into a notice's catalogue or into key-work lines.
   */
  private Task draftTask() {
    Task task = visibleTask();
    if (ProgressReportingProcess.DRAFT_KEY_WORK.equals(task.getTaskDefinitionKey())) {
      return task(ProgressReportingProcess.KEY, ProgressReportingProcess.DRAFT_KEY_WORK, NOT_DRAFT);
    }
    return task(AnnualAssessmentProcess.KEY, AnnualAssessmentProcess.DRAFT_NOTICE, NOT_DRAFT);
  }

  private static boolean isKeyWorkDraft(Task task) {
    return ProgressReportingProcess.DRAFT_KEY_WORK.equals(task.getTaskDefinitionKey());
  }

  // Not Actors.currentUserIn: that one admits calls without authentication (jobs, the Java API); here there is
  // always a logged-in user, and a missing one must be refused.
  private boolean inGroup(String group) {
    Authentication current = getProcessEngine().getIdentityService().getCurrentAuthentication();
    List<String> groups = current == null ? null : current.getGroupIds();
    return groups != null && groups.contains(group);
  }

  private JsonNode notice(Task task) {
    Object value = variable(task, AnnualAssessmentProcess.NOTICE);
    if (value == null) {
      return JSON.createObjectNode();
    }
    try {
      JsonNode node = JSON.readTree(value.toString());
      return node == null ? JSON.createObjectNode() : node;
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }
}
