package org.kaohe.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.SimpleBeanDefinitionRegistry;
import org.springframework.context.annotation.AnnotationBeanNameGenerator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.stereotype.Component;

/**
 * The element templates of {@code processes/.camunda/element-templates} (what Camunda Modeler offers an
 * administrator for Kaohe's service tasks) agree with the models and with the code: a template that names a bean
 * that does not exist would let Modeler build a model that fails only when a round reaches that task.
 * The official JSON schema check is {@code docs/scripts/validate-element-templates.mjs}; this test needs no Node.
 */
class ElementTemplatesTest {

  static final Path TEMPLATES = Path.of("processes", ".camunda", "element-templates");
  static final String SCHEMA = "https://unpkg.com/@camunda/element-templates-json-schema/resources/schema.json";
  static final String DELEGATE_EXPRESSION = "camunda:delegateExpression";
  static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";
  private static final Pattern BEAN_EXPRESSION = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
  private static final Pattern CHINESE = Pattern.compile("\\p{IsHan}");

  static List<JsonNode> templates;
  static List<ServiceTaskUse> serviceTasks;

  record ServiceTaskUse(String model, ServiceTask task) {
    String where() {
      return model + "#" + task.getId();
    }
  }

  @BeforeAll
  static void read() throws IOException {
    ObjectMapper json = new ObjectMapper();
    templates = new ArrayList<>();
    try (Stream<Path> files = Files.list(TEMPLATES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        JsonNode content = json.readTree(file.toFile());
        // Modeler reads a file with one template or an array of them.
        if (content.isArray()) {
          content.forEach(templates::add);
        } else {
          templates.add(content);
        }
      }
    }
    serviceTasks = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("processes"))) {
      for (Path model : files.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList()) {
        for (ServiceTask task : Bpmn.readModelFromFile(model.toFile()).getModelElementsByType(ServiceTask.class)) {
          serviceTasks.add(new ServiceTaskUse(model.getFileName().toString(), task));
        }
      }
    }
    assertThat(templates).as("templates in " + TEMPLATES).isNotEmpty();
    assertThat(serviceTasks).isNotEmpty();
  }

  @Test
  void everyTemplateHasTheFieldsModelerNeedsInChinese() {
    Set<String> ids = new HashSet<>();
    for (JsonNode template : templates) {
      String id = template.path("id").asText();
      assertThat(id).as("template id").matches("kaohe\\.[A-Za-z0-9]+");
      assertThat(ids.add(id + "@" + template.path("version").asInt())).as("unique id and version: " + id).isTrue();
      assertThat(template.path("$schema").asText()).as(id).isEqualTo(SCHEMA);
      assertThat(template.path("version").isInt()).as(id + " version").isTrue();
      assertThat(template.path("name").asText()).as(id + " name").containsPattern(CHINESE);
      assertThat(template.path("description").asText()).as(id + " description").containsPattern(CHINESE);
      assertThat(template.path("appliesTo")).as(id + " appliesTo").hasSize(1);
      assertThat(template.path("appliesTo").get(0).asText()).isEqualTo("bpmn:ServiceTask");
      assertThat(template.path("properties").isArray()).as(id + " properties").isTrue();
      for (JsonNode property : template.path("properties")) {
        assertThat(property.path("label").asText()).as(id + " property label").containsPattern(CHINESE);
        assertThat(property.path("binding").path("type").asText()).as(id + " binding type").isNotBlank();
        assertThat(property.path("binding").path("name").asText()).as(id + " binding name").isNotBlank();
        if (property.path("type").asText().equals("Hidden")) {
          assertThat(property.has("value")).as(id + ": a Hidden property needs its value").isTrue();
        }
      }
      List<JsonNode> implementation = bindings(template, DELEGATE_EXPRESSION);
      assertThat(implementation).as(id + ": exactly one hidden " + DELEGATE_EXPRESSION).hasSize(1)
          .allSatisfy(p -> assertThat(p.path("type").asText()).isEqualTo("Hidden"));
      assertThat(id).as("the id names its bean").isEqualTo("kaohe." + bean(template));
    }
  }

  @Test
  void everyTemplatesBeanIsAJavaDelegateOfTheApplication() {
    Map<String, Class<?>> beans = applicationBeans();
    for (JsonNode template : templates) {
      String bean = bean(template);
      assertThat(beans).as(template.path("id").asText() + ": bean '" + bean + "' in org.kaohe").containsKey(bean);
      assertThat(JavaDelegate.class.isAssignableFrom(beans.get(bean))).as(bean + " is a JavaDelegate").isTrue();
    }
  }

  @Test
  void everyServiceTaskIsABeanWithExactlyOneTemplate() {
    for (ServiceTaskUse use : serviceTasks) {
      String expression = use.task().getCamundaDelegateExpression();
      assertThat(expression).as(use.where() + ": delegates are Spring beans via delegateExpression").isNotNull();
      List<JsonNode> matching = templates.stream()
          .filter(t -> expression.equals(bindings(t, DELEGATE_EXPRESSION).get(0).path("value").asText()))
          .toList();
      assertThat(matching).as(use.where() + " " + expression + ": one template in " + TEMPLATES).hasSize(1);
    }
  }

  @Test
  void everyTemplateIsUsedAndEveryServiceTaskCarriesItsTemplateWithItsValues() {
    Set<String> used = new HashSet<>();
    for (ServiceTaskUse use : serviceTasks) {
      String id = use.task().getAttributeValueNs(CAMUNDA_NS, "modelerTemplate");
      String version = use.task().getAttributeValueNs(CAMUNDA_NS, "modelerTemplateVersion");
      assertThat(id).as(use.where() + ": camunda:modelerTemplate, so that Modeler shows the template").isNotNull();
      JsonNode template = templates.stream()
          .filter(t -> t.path("id").asText().equals(id) && String.valueOf(t.path("version").asInt()).equals(version))
          .findFirst().orElse(null);
      assertThat(template).as(use.where() + ": template " + id + " version " + version).isNotNull();
      for (JsonNode property : template.path("properties")) {
        JsonNode binding = property.path("binding");
        if (binding.path("type").asText().equals("property") && property.has("value")) {
          assertThat(attribute(use.task(), binding.path("name").asText())).as(use.where() + " " + binding.path("name"))
              .isEqualTo(property.path("value").asText());
        }
      }
      used.add(id);
    }
    assertThat(templates).extracting(t -> t.path("id").asText()).allSatisfy(id -> assertThat(used).contains(id));
  }

  private static String attribute(ServiceTask task, String name) {
    if (name.startsWith("camunda:")) {
      return task.getAttributeValueNs(CAMUNDA_NS, name.substring("camunda:".length()));
    }
    return task.getAttributeValue(name);
  }

  private static List<JsonNode> bindings(JsonNode template, String name) {
    List<JsonNode> found = new ArrayList<>();
    for (JsonNode property : template.path("properties")) {
      if (property.path("binding").path("type").asText().equals("property")
          && property.path("binding").path("name").asText().equals(name)) {
        found.add(property);
      }
    }
    return found;
  }

  private static String bean(JsonNode template) {
    String value = bindings(template, DELEGATE_EXPRESSION).get(0).path("value").asText();
    Matcher matcher = BEAN_EXPRESSION.matcher(value);
    assertThat(matcher.matches()).as(template.path("id") + ": " + value + " names one bean, ${beanName}").isTrue();
    return matcher.group(1);
  }

  /**
   * Bean names as Spring gives them: {@code @Component} classes (named or by class name) and the {@code @Bean}
   * methods of {@code @Configuration} classes of the application's own code (not of the tests).
   */
  private static Map<String, Class<?>> applicationBeans() {
    var scanner = new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter(new AnnotationTypeFilter(Component.class));
    var names = new AnnotationBeanNameGenerator();
    var registry = new SimpleBeanDefinitionRegistry();
    Map<String, Class<?>> beans = new HashMap<>();
    for (BeanDefinition definition : scanner.findCandidateComponents("org.kaohe")) {
      Class<?> type;
      try {
        type = Class.forName(definition.getBeanClassName());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
      if (type.getProtectionDomain().getCodeSource().getLocation().getPath().contains("test-classes")) {
        continue;
      }
      beans.put(names.generateBeanName(definition, registry), type);
      for (Method method : type.getDeclaredMethods()) {
        Bean bean = method.getAnnotation(Bean.class);
        if (bean != null) {
          String[] declared = bean.name().length > 0 ? bean.name() : bean.value();
          beans.put(declared.length > 0 ? declared[0] : method.getName(), method.getReturnType());
        }
      }
    }
    return beans;
  }
}
