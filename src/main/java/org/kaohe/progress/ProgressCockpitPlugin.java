package org.kaohe.progress;

import java.util.Set;
import org.camunda.bpm.cockpit.plugin.spi.impl.AbstractCockpitPlugin;

/**
 * The progress dashboard (考核进度) in Cockpit, found by Camunda through {@code META-INF/services}. Its API lives
 * under {@code /camunda/api/cockpit/plugin/kaohe-progress/{engine}/}: behind the webapps' session login, CSRF
 * filter and engine authorizer, with the engine authenticated as the user; {@link ProgressResource} admits the
 * office and supervisors only. The page is {@code plugin-webapp/kaohe-progress/app/plugin.js}.
 */
public class ProgressCockpitPlugin extends AbstractCockpitPlugin {

  public static final String ID = "kaohe-progress";

  @Override
  public String getId() {
    return ID;
  }

  @Override
  public Set<Class<?>> getResourceClasses() {
    return Set.of(ProgressRootResource.class);
  }

  @Override
  public String getAssetDirectory() {
    return "plugin-webapp/" + ID;
  }
}
