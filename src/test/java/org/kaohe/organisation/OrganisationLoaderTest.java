package org.kaohe.organisation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.MonthDay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;

class OrganisationLoaderTest {

  private final OrganisationLoader loader = new OrganisationLoader();

  @TempDir
  Path folder;

  @Test
  void guangdongHasTheSeedsUnitsAndCatalogue() {
    Organisation guangdong = shipped("guangdong");

    assertThat(guangdong.unitsOfKind(UnitKind.CITY)).hasSize(21);
    assertThat(guangdong.unitsOfKind(UnitKind.DEPARTMENT)).hasSize(9);
    assertThat(guangdong.unitsOfKind(UnitKind.AFFILIATED_UNIT)).hasSize(6);
    assertThat(guangdong.unit("guangzhou")).get().extracting(Organisation.Unit::name).isEqualTo("广州市团委");
    assertThat(guangdong.catalogue().year()).isEqualTo(2017);
    assertThat(guangdong.catalogue().areas()).hasSize(6)
        .allSatisfy(area -> assertThat(area.items()).isNotEmpty());
    assertThat(guangdong.catalogue().areas().get(0).name()).isEqualTo("青少年思想引领及青年人才工作");
    assertThat(guangdong.catalogue().areas().get(0).leadDepartment()).isEqualTo("publicity");
    assertThat(guangdong.deadlines().submission()).isEqualTo(MonthDay.of(12, 31));
    assertThat(guangdong.limits().keyWorkRowMaxCharacters()).isEqualTo(500);
    assertThat(guangdong.contacts()).isNotEmpty();
    assertThat(guangdong.stationingPairings()).flatExtracting(Organisation.StationingPairing::cities)
        .hasSize(21).doesNotHaveDuplicates();
  }

  @Test
  void guangdongKnowsTheShortNamesSeed000UsesForItsUnits() {
    Organisation guangdong = shipped("guangdong");

    assertThat(guangdong.unit("youth-development")).get().extracting(Organisation.Unit::aliases)
        .isEqualTo(java.util.List.of("青发部"));
    assertThat(guangdong.unit("big-data-centre")).get().extracting(Organisation.Unit::aliases)
        .isEqualTo(java.util.List.of("大数据及新媒体中心", "数据及新媒体中心"));
    assertThat(guangdong.unit("publicity")).get().extracting(Organisation.Unit::aliases).isEqualTo(java.util.List.of());
  }

  @Test
  void innerMongoliaHasTwelveLeagueCitiesFourCategoriesAndTheSeedsWeights() {
    Organisation innerMongolia = shipped("inner-mongolia");

    assertThat(innerMongolia.unitsOfKind(UnitKind.CITY)).hasSize(12);
    assertThat(innerMongolia.catalogue().areas()).hasSize(4);
    assertThat(innerMongolia.weights()).isEqualTo(new Organisation.Weights(60, 10, 10, 20));
    assertThat(innerMongolia.bonus()).isEqualTo(new Organisation.Bonus(1, 3));
    assertThat(innerMongolia.deadlines().review()).isEqualTo(MonthDay.of(12, 25));
    assertThat(innerMongolia.deadlines().youthSurvey()).isEqualTo(MonthDay.of(12, 31));
    assertThat(innerMongolia.grades()).extracting(Organisation.Grade::name).containsExactly("好", "较好", "一般", "差");
    assertThat(innerMongolia.limits().reviewCommentMaxCharacters()).isEqualTo(300);
  }

  /**
   * Each row breaks the shipped Guangdong file in one way and expects the message to name the field and
   * the problem.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      unknown lead department | 'leadDepartment: publicity'          | 'leadDepartment: propaganda'     | catalogue.areas[0].leadDepartment | 牵头部门 'propaganda' 不存在
      weights not 100         | 'indicatorEvaluation: 60'            | 'indicatorEvaluation: 55'        | weights                           | 四项占比之和为 95，应为 100
      duplicate unit code     | 'code: shenzhen'                     | 'code: guangzhou'                | units[1].code                     | 单位代码 'guangzhou' 重复
      unknown field           | 'shortName: 团省委'                   | 'shortNme: 团省委'                 | shortNme                          | 未知字段 'shortNme'
      bad deadline            | 'submission: "12-31"'                | 'submission: "13-31"'            | deadlines.submission              | 不是有效的月-日日期
      bad unit kind           | 'kind: affiliated-unit'              | 'kind: directly-affiliated'      | kind                              | city、department 或 affiliated-unit
      code not file name      | 'code: guangdong'                    | 'code: gd'                       | code                              | 与文件名 'guangdong.yaml' 不一致
      office not a department | 'officeUnit: office'                 | 'officeUnit: guangzhou'          | officeUnit                        | 不是部室
      bonus range reversed    | 'maxPoints: 3'                       | 'maxPoints: 0'                   | bonus                             | 加分范围 1-0 无效
      city as lead department | 'leadDepartment: publicity'          | 'leadDepartment: shenzhen'       | catalogue.areas[0].leadDepartment | 是地市团委
      missing weight          | '  oralReport: 20'                   | ''                               | weights.oralReport                | 缺少或为空
      code with double hyphen | 'code: shenzhen'                     | 'code: shen--zhen'               | units[1].code                     | 单个连字符
      not YAML                | 'units:'                             | 'units: [ {'                     | 第                                | 不是有效的 YAML
      alias of another unit   | 'aliases: [基层部]'                   | 'aliases: [宣传部]'                | units[25]                         | 名称或别称 '宣传部' 已用于单位 'publicity'
      blank alias             | 'aliases: [统联部]'                   | 'aliases: [" "]'                 | units[27].aliases[0]              | 别称不能为空
      """)
  void brokenFileStopsWithMessageNamingFileFieldAndProblem(String kind, String from, String to, String field,
      String problem) throws IOException {
    String original = Files.readString(new ClassPathResource("organisations/guangdong.yaml").getFile().toPath());
    assertThat(original).as("the test's anchor must exist in the shipped file").contains(from);
    Path broken = folder.resolve("guangdong.yaml");
    Files.writeString(broken, original.replaceFirst(java.util.regex.Pattern.quote(from), to), StandardCharsets.UTF_8);

    assertThatThrownBy(() -> loader.load(new FileSystemResource(broken), "guangdong.yaml", "guangdong"))
        .isInstanceOf(OrganisationException.class)
        .hasMessageContaining("guangdong.yaml")
        .hasMessageContaining(field)
        .hasMessageContaining(problem);
  }

  @Test
  void monthlyCyclesComeFromConfiguration() {
    Organisation guangdong = shipped("guangdong");
    Organisation innerMongolia = shipped("inner-mongolia");

    assertThat(guangdong.stationing().firstMonth()).isEqualTo(4);
    assertThat(guangdong.stationing().lastMonth()).isEqualTo(11);
    assertThat(guangdong.stationing().minDaysPerDepartmentPerMonth()).isEqualTo(3);
    assertThat(guangdong.stationing().minDaysPerCadrePerYear()).isEqualTo(10);
    assertThat(guangdong.stationing().cityPlan().due()).isEqualTo(MonthDay.of(5, 10));
    assertThat(guangdong.stationing().partyCourses().department()).isEqualTo("publicity");
    assertThat(guangdong.progressReports().dueDayOfNextMonth()).isEqualTo(8);
    assertThat(innerMongolia.stationing()).isNull();
    assertThat(innerMongolia.progressReports()).isNotNull();
  }

  @Test
  void inconsistentMonthlyCyclesAreRefusedWithTheirFields() throws IOException {
    Path broken = folder.resolve("guangdong.yaml");
    String original = Files.readString(new ClassPathResource("organisations/guangdong.yaml").getFile().toPath());
    Files.writeString(broken, original.replace("firstMonth: 4", "firstMonth: 12")
        .replace("reportsTo: grassroots", "reportsTo: shenzhen")
        .replace("dueDayOfNextMonth: 8", "dueDayOfNextMonth: 31")
        .replace("projectReport: {department: organisation, due: \"12-10\"}", "projectReport: {department: nobody, due: \"12-10\"}"));

    assertThatThrownBy(() -> loader.load(new FileSystemResource(broken), "guangdong.yaml", "guangdong"))
        .isInstanceOfSatisfying(OrganisationException.class,
            e -> assertThat(e.problems()).hasSize(4)
                .anyMatch(p -> p.contains("stationing.lastMonth") && p.contains("不能早于开始月份"))
                .anyMatch(p -> p.contains("stationing.reportsTo") && p.contains("是地市团委"))
                .anyMatch(p -> p.contains("progressReports.dueDayOfNextMonth") && p.contains("1 到 28"))
                .anyMatch(p -> p.contains("stationing.projectReport.department") && p.contains("不存在")));
  }

  @Test
  void missingFileIsNamed() {
    assertThatThrownBy(() -> loader.load(new FileSystemResource(folder.resolve("hainan.yaml")), "hainan.yaml", "hainan"))
        .isInstanceOf(OrganisationException.class)
        .hasMessageContaining("hainan.yaml")
        .hasMessageContaining("文件不存在");
  }

  @Test
  void everyProblemOfOneFileIsReportedAtOnce() throws IOException {
    Path broken = folder.resolve("guangdong.yaml");
    String original = Files.readString(new ClassPathResource("organisations/guangdong.yaml").getFile().toPath());
    Files.writeString(broken, original.replace("indicatorEvaluation: 60", "indicatorEvaluation: 50")
        .replace("code: shenzhen", "code: guangzhou"));

    assertThatThrownBy(() -> loader.load(new FileSystemResource(broken), "guangdong.yaml", "guangdong"))
        .isInstanceOfSatisfying(OrganisationException.class,
            e -> assertThat(e.problems()).hasSize(3)
                .anyMatch(p -> p.contains("weights"))
                .anyMatch(p -> p.contains("units[1].code") && p.contains("重复"))
                // shenzhen is gone, so its stationing pairing now names an unknown city
                .anyMatch(p -> p.contains("对接地市 'shenzhen' 不存在")));
  }

  private Organisation shipped(String code) {
    return loader.load(new ClassPathResource("organisations/" + code + ".yaml"), code + ".yaml", code);
  }
}
