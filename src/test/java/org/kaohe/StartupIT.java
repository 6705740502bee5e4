package org.kaohe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.kaohe.identity.Groups;
import org.kaohe.organisation.OrganisationException;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;

/** Whole start-ups, as `./mvnw spring-boot:run` does them, on the H2 file database. */
@ExtendWith(OutputCaptureExtension.class)
class StartupIT {

  @TempDir
  Path folder;

  @Test
  void aStartedInstanceSurvivesARestartOnTheH2FileDatabaseAndNothingIsDeployedTwice() {
    String database = "--spring.datasource.url=jdbc:h2:file:" + folder.resolve("data/kaohe");
    String instanceId;
    long deployments;
    try (ConfigurableApplicationContext first = start(database)) {
      instanceId = first.getBean(RuntimeService.class).startProcessInstanceByKey("kaohe-smoke-test", "restart",
          Map.of("unitGroup", Groups.unit("guangzhou"))).getId();
      deployments = first.getBean(RepositoryService.class).createDeploymentQuery().count();
    }
    assertThat(folder.resolve("data/kaohe.mv.db")).exists();

    try (ConfigurableApplicationContext second = start(database)) {
      RuntimeService runtime = second.getBean(RuntimeService.class);
      assertThat(runtime.createProcessInstanceQuery().processInstanceId(instanceId).singleResult())
          .isNotNull()
          .satisfies(instance -> assertThat(instance.getBusinessKey()).isEqualTo("restart"));
      assertThat(second.getBean(RepositoryService.class).createDeploymentQuery().count()).isEqualTo(deployments);
    }
  }

  @Test
  void aBrokenOrganisationFileStopsStartUpWithOneMessageNamingTheProblem(CapturedOutput output) throws Exception {
    String shipped = Files.readString(new ClassPathResource("organisations/inner-mongolia.yaml").getFile().toPath());
    Files.writeString(folder.resolve("inner-mongolia.yaml"), shipped.replace("oralReport: 20", "oralReport: 25"));

    assertThatThrownBy(() -> start("--kaohe.organisation.code=inner-mongolia",
        "--kaohe.organisation.location=file:" + folder + "/"))
        .hasRootCauseInstanceOf(OrganisationException.class);

    assertThat(output).contains("APPLICATION FAILED TO START")
        .contains("inner-mongolia.yaml: 字段 weights：四项占比之和为 105，应为 100");
  }

  static ConfigurableApplicationContext start(String... arguments) {
    return new SpringApplicationBuilder(KaoheApplication.class)
        .profiles("demo", "test")
        .run(arguments);
  }
}
