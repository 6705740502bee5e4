package org.kaohe.progressreport;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.kaohe.identity.Groups;
import org.kaohe.webapp.TaskResource;
import org.kaohe.webapp.WebappApi;
import org.springframework.context.ApplicationContext;

/**
 * The month's compiled progress report (.docx, .xlsx) for the office on its approval task: the form links here, the
 * files stay file variables of the month.
 */
public class ProgressDocumentsResource extends TaskResource {

  static final String NOT_APPROVAL = "只有“审定本月推进情况”任务可以下载本月推进情况表";
  static final String NOT_OFFICE = "只有办公室工作人员可以下载本月推进情况表";

  public ProgressDocumentsResource(String engineName, ApplicationContext beans, String taskId) {
    super(engineName, beans, taskId);
  }

  @GET
  @Path("{kind}")
  public Response download(@PathParam("kind") String kind) {
    String variable = switch (kind) {
      case "docx" -> ProgressReportingProcess.MONTH_DOCX;
      case "xlsx" -> ProgressReportingProcess.MONTH_XLSX;
      default -> throw WebappApi.error(404, "没有这种文件");
    };
    var task = task(ProgressReportingProcess.KEY, ProgressReportingProcess.APPROVE_MONTH, NOT_APPROVAL);
    Authentication current = getProcessEngine().getIdentityService().getCurrentAuthentication();
    List<String> groups = current == null ? null : current.getGroupIds();
    if (groups == null || !groups.contains(Groups.OFFICE)) {
      throw WebappApi.error(403, NOT_OFFICE);
    }
    FileValue file;
    try {
      file = taskService().getVariableTyped(task.getId(), variable);
    } catch (AuthorizationException e) {
      throw WebappApi.forbidden(e);
    }
    if (file == null) {
      throw WebappApi.error(404, "本月推进情况表尚未汇编");
    }
    try (InputStream in = file.getValue()) {
      return WebappApi.download(in.readAllBytes(), file.getFilename(), file.getMimeType());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
