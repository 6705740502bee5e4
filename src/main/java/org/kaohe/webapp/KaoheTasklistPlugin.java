package org.kaohe.webapp;

import java.util.Set;
import org.camunda.bpm.tasklist.plugin.spi.impl.AbstractTasklistPlugin;

/**
 * Kaohe's Tasklist plugin, found by Camunda through {@code META-INF/services}. It gives the embedded forms an API
 * under {@code /camunda/api/tasklist/plugin/kaohe/{engine}/}: behind the webapps' session login and CSRF filter,
 * and with the engine authenticated as the user, so every engine call in it is checked against the user's
 * authorizations like Tasklist's own.
 */
public class KaoheTasklistPlugin extends AbstractTasklistPlugin {

  public static final String ID = "kaohe";

  @Override
  public String getId() {
    return ID;
  }

  @Override
  public Set<Class<?>> getResourceClasses() {
    return Set.of(KaoheTasklistResource.class);
  }

  @Override
  public String getAssetDirectory() {
    return "plugin-webapp/" + ID;
  }
}
