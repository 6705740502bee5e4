package org.kaohe.progress;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.camunda.bpm.cockpit.plugin.resource.AbstractCockpitPluginRootResource;
import org.kaohe.webapp.WebappApi;

/** The root of the dashboard's API. Jersey creates it per request, outside Spring. */
@Path("plugin/" + ProgressCockpitPlugin.ID)
public class ProgressRootResource extends AbstractCockpitPluginRootResource {

  public ProgressRootResource() {
    super(ProgressCockpitPlugin.ID);
  }

  @Path("{engine}")
  public ProgressResource progress(@PathParam("engine") String engine) {
    return subResource(new ProgressResource(engine, WebappApi.context(servletContext)), engine);
  }
}
