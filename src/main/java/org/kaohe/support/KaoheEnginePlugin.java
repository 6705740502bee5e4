package org.kaohe.support;

import java.util.ArrayList;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.form.type.AbstractFormFieldType;
import org.springframework.stereotype.Component;

/** Kaohe's additions to the engine's configuration; the starter applies every plugin bean. */
@Component
class KaoheEnginePlugin extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    var formTypes = configuration.getCustomFormTypes() == null
        ? new ArrayList<AbstractFormFieldType>() : new ArrayList<>(configuration.getCustomFormTypes());
    formTypes.add(new JsonFormType());
    configuration.setCustomFormTypes(formTypes);
  }
}
