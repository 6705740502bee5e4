package org.kaohe.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys the models of {@code processes/} with the forms of {@code forms/} they use, one deployment per
 * model file, named after it.
 *
 * <p>A model and its forms travel together so that {@code embedded:deployment:} form keys resolve against the
 * deployment of the very process definition version that runs the task: an instance started on version 3 keeps
 * version 3's forms after a form changes. Duplicate filtering with "deploy changed only" off means a change in
 * the model or in any of its forms deploys the whole bundle again (a new version), and an unchanged bundle
 * deploys nothing, so restarts do not pile up versions. See docs/models-and-forms.md.
 */
@Component
class ModelDeployer implements SmartInitializingSingleton {

  static final String SOURCE = "kaohe";
  static final String FORM_KEY_PREFIX = "embedded:deployment:";

  private static final Logger log = LoggerFactory.getLogger(ModelDeployer.class);

  private final RepositoryService repositoryService;
  private final ResourcePatternResolver resources;

  ModelDeployer(RepositoryService repositoryService, ResourcePatternResolver resources) {
    this.repositoryService = repositoryService;
    this.resources = resources;
  }

  @Override
  public void afterSingletonsInstantiated() {
    for (Bundle bundle : bundles()) {
      deploy(bundle);
    }
  }

  /** Every model file on the class path under processes/, each with the forms it refers to. */
  List<Bundle> bundles() {
    List<Bundle> bundles = new ArrayList<>();
    for (Resource model : find("classpath*:processes/**/*.bpmn")) {
      byte[] content = read(model);
      Map<String, byte[]> files = new LinkedHashMap<>();
      files.put(model.getFilename(), content);
      for (String form : formsOf(model.getFilename(), content)) {
        files.put(form, read(formResource(model.getFilename(), form)));
      }
      bundles.add(new Bundle(baseName(model.getFilename()), files));
    }
    for (Resource decision : find("classpath*:processes/**/*.dmn")) {
      bundles.add(new Bundle(baseName(decision.getFilename()), Map.of(decision.getFilename(), read(decision))));
    }
    checkUniqueNames(bundles);
    return bundles;
  }

  void deploy(Bundle bundle) {
    DeploymentBuilder builder = repositoryService.createDeployment()
        .name(bundle.name())
        .source(SOURCE)
        .enableDuplicateFiltering(false);
    bundle.files().forEach((name, content) -> builder.addInputStream(name, new java.io.ByteArrayInputStream(content)));
    DeploymentWithDefinitions deployment = builder.deployWithResult();
    var definitions = deployment.getDeployedProcessDefinitions();
    var decisions = deployment.getDeployedDecisionDefinitions();
    if ((definitions == null || definitions.isEmpty()) && (decisions == null || decisions.isEmpty())) {
      log.info("Model {} unchanged, nothing deployed", bundle.name());
    } else {
      log.info("Deployed {} ({}) as deployment {}", bundle.name(), bundle.files().keySet(), deployment.getId());
    }
  }

  /** Form file names that the model's start events and user tasks name with embedded:deployment:. */
  static TreeSet<String> formsOf(String modelFile, byte[] content) {
    BpmnModelInstance model = Bpmn.readModelFromStream(new java.io.ByteArrayInputStream(content));
    TreeSet<String> forms = new TreeSet<>();
    for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
      addForm(modelFile, start.getCamundaFormKey(), forms);
    }
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      addForm(modelFile, task.getCamundaFormKey(), forms);
    }
    return forms;
  }

  private static void addForm(String modelFile, String formKey, TreeSet<String> forms) {
    if (formKey == null || !formKey.startsWith(FORM_KEY_PREFIX)) {
      return;
    }
    String name = formKey.substring(FORM_KEY_PREFIX.length());
    if (name.isBlank() || name.contains("/") || name.contains("\\") || name.contains("${")) {
      throw new IllegalStateException(modelFile + ": form key '" + formKey
          + "' must name a file of forms/ directly, e.g. embedded:deployment:submit-summary.html");
    }
    forms.add(name);
  }

  private Resource formResource(String modelFile, String form) {
    Resource resource = resources.getResource("classpath:forms/" + form);
    if (!resource.exists()) {
      throw new IllegalStateException(modelFile + " uses form '" + form + "', but forms/" + form + " does not exist");
    }
    return resource;
  }

  private Resource[] find(String pattern) {
    try {
      Resource[] found = resources.getResources(pattern);
      Arrays.sort(found, Comparator.comparing(Resource::getFilename));
      return found;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + pattern, e);
    }
  }

  private static byte[] read(Resource resource) {
    try (InputStream in = resource.getInputStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + resource.getDescription(), e);
    }
  }

  private static void checkUniqueNames(List<Bundle> bundles) {
    var names = new TreeSet<String>();
    for (Bundle bundle : bundles) {
      if (!names.add(bundle.name())) {
        throw new IllegalStateException("Two model files are named " + bundle.name()
            + "; deployment names must be unique (processes/ and src/test/resources/processes/)");
      }
    }
  }

  private static String baseName(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot < 0 ? fileName : fileName.substring(0, dot);
  }

  record Bundle(String name, Map<String, byte[]> files) {}
}
