package org.kaohe.webapp;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.camunda.bpm.tasklist.resource.AbstractTasklistPluginRootResource;
import org.kaohe.catalogue.CatalogueImportResource;
import org.kaohe.operation.OperationsResource;
import org.kaohe.progressreport.ProgressDocumentsResource;
import org.kaohe.stationing.StationingMonthResource;
import org.kaohe.submission.PackageFilesResource;

/**
 * The root of Kaohe's Tasklist API. Jersey creates it per request, outside Spring; the features' resources take
 * the beans they need from the application context of the servlet context.
 */
@Path("plugin/" + KaoheTasklistPlugin.ID)
public class KaoheTasklistResource extends AbstractTasklistPluginRootResource {

  public KaoheTasklistResource() {
    super(KaoheTasklistPlugin.ID);
  }

  /** A unit's package task: the attachment templates, reading filled workbooks and the summary document. */
  @Path("{engine}/tasks/{taskId}")
  public PackageFilesResource task(@PathParam("engine") String engine, @PathParam("taskId") String taskId) {
    return subResource(new PackageFilesResource(engine, WebappApi.context(servletContext), taskId), engine);
  }

  /** The office's draft-notice task: a catalogue imported from an HTML file or a URL, for the form to review. */
  @Path("{engine}/tasks/{taskId}/catalogue-import")
  public CatalogueImportResource catalogueImport(@PathParam("engine") String engine,
      @PathParam("taskId") String taskId) {
    return subResource(new CatalogueImportResource(engine, WebappApi.context(servletContext), taskId), engine);
  }

  /** The office's approval of a month's key-work progress: the compiled report as .docx and .xlsx. */
  @Path("{engine}/tasks/{taskId}/progress-documents")
  public ProgressDocumentsResource progressDocuments(@PathParam("engine") String engine,
      @PathParam("taskId") String taskId) {
    return subResource(new ProgressDocumentsResource(engine, WebappApi.context(servletContext), taskId), engine);
  }

  /** Any open task: the approval operations (催办, 退回, 抄送, 委派, 转办) of the plugin's 办理 tab. */
  @Path("{engine}/tasks/{taskId}/operations")
  public OperationsResource operations(@PathParam("engine") String engine, @PathParam("taskId") String taskId) {
    return subResource(new OperationsResource(engine, WebappApi.context(servletContext), taskId), engine);
  }

  /** The grassroots department's compile task of a stationing month: the month's reports and its workbook. */
  @Path("{engine}/tasks/{taskId}/stationing-month")
  public StationingMonthResource stationingMonth(@PathParam("engine") String engine, @PathParam("taskId") String taskId) {
    return subResource(new StationingMonthResource(engine, WebappApi.context(servletContext), taskId), engine);
  }
}
