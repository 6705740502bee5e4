package org.kaohe.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.junit.jupiter.api.Test;
import org.kaohe.identity.Groups;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

// Closed after the class: Camunda registers the engine "default" JVM-wide; see README, "Tests".
@DirtiesContext
@SpringBootTest
@ActiveProfiles({"demo", "test"})
class ModelDeployerIT {

  @Autowired
  ModelDeployer deployer;
  @Autowired
  RepositoryService repositoryService;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  TaskService taskService;
  @Autowired
  FormService formService;

  @Test
  void everyModelOfTheTopLevelProcessesFolderAndOfTheTestsIsDeployedUnderItsFileName() throws IOException {
    List<String> onDisk;
    try (Stream<Path> files = Files.list(Path.of("processes"))) {
      onDisk = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".bpmn") || n.endsWith(".dmn")).toList();
    }
    List<ModelDeployer.Bundle> bundles = deployer.bundles();
    assertThat(bundles).extracting(b -> b.files().keySet().iterator().next()).containsAll(onDisk).contains("kaohe-smoke-test.bpmn");

    for (ModelDeployer.Bundle bundle : bundles) {
      String modelFile = bundle.files().keySet().iterator().next();
      if (!modelFile.endsWith(".bpmn")) {
        assertThat(repositoryService.createDecisionDefinitionQuery().latestVersion().list())
            .anySatisfy(d -> assertThat(d.getResourceName()).isEqualTo(modelFile));
        continue;
      }
      for (Process process : Bpmn.readModelFromStream(new java.io.ByteArrayInputStream(bundle.files().get(modelFile)))
          .getModelElementsByType(Process.class)) {
        ProcessDefinition latest = repositoryService.createProcessDefinitionQuery()
            .processDefinitionKey(process.getId()).latestVersion().singleResult();
        assertThat(latest).as(process.getId()).isNotNull();
        assertThat(repositoryService.getDeploymentResourceNames(latest.getDeploymentId()))
            .containsExactlyInAnyOrderElementsOf(bundle.files().keySet());
      }
    }
  }

  @Test
  void startingAgainWithUnchangedFilesDeploysNothing() {
    // Another test of this class may have deployed a changed form; this brings the files back first.
    deployer.afterSingletonsInstantiated();
    long deployments = repositoryService.createDeploymentQuery().count();

    deployer.afterSingletonsInstantiated();

    assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(deployments);
  }

  @Test
  void aChangedFormMakesANewVersionWhileRunningInstancesKeepTheirOwnForm() throws IOException {
    String before = startAndReadForm();
    ModelDeployer.Bundle smoke = deployer.bundles().stream()
        .filter(b -> b.name().equals("kaohe-smoke-test")).findFirst().orElseThrow();
    Map<String, byte[]> changed = new LinkedHashMap<>(smoke.files());
    changed.put("fill-smoke-form.html", (new String(changed.get("fill-smoke-form.html"), StandardCharsets.UTF_8)
        .replace("备注", "备注（第二版）")).getBytes(StandardCharsets.UTF_8));
    int version = latestSmokeVersion();
    String oldTask = startTask();

    deployer.deploy(new ModelDeployer.Bundle(smoke.name(), changed));

    assertThat(latestSmokeVersion()).isEqualTo(version + 1);
    assertThat(read(formService.getDeployedTaskForm(oldTask))).isEqualTo(before).doesNotContain("第二版");
    assertThat(startAndReadForm()).contains("备注（第二版）");
  }

  @Test
  void aFormKeyOutsideTheFormsFolderIsRefused() {
    byte[] model = Bpmn.convertToString(Bpmn.createExecutableProcess("bad").camundaHistoryTimeToLive(1)
        .startEvent().userTask().camundaFormKey("embedded:deployment:../secrets.html").endEvent().done())
        .getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> ModelDeployer.formsOf("bad.bpmn", model))
        .hasMessageContaining("bad.bpmn").hasMessageContaining("must name a file of forms/");
  }

  private int latestSmokeVersion() {
    return repositoryService.createProcessDefinitionQuery().processDefinitionKey("kaohe-smoke-test")
        .latestVersion().singleResult().getVersion();
  }

  private String startTask() {
    String instance = runtimeService.startProcessInstanceByKey("kaohe-smoke-test",
        Map.of("unitGroup", Groups.unit("guangzhou"))).getId();
    return taskService.createTaskQuery().processInstanceId(instance).singleResult().getId();
  }

  private String startAndReadForm() throws IOException {
    return read(formService.getDeployedTaskForm(startTask()));
  }

  private static String read(InputStream in) throws IOException {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
