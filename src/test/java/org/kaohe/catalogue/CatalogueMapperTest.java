package org.kaohe.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kaohe.catalogue.CatalogueMapper.ImportedCatalogue;
import org.kaohe.organisation.Organisation;
import org.kaohe.organisation.ShippedOrganisations;

/** From an imported page to the notice's catalogue: areas, items, codes and unit codes of Guangdong. */
class CatalogueMapperTest {

  private static final Organisation GUANGDONG = ShippedOrganisations.load("guangdong");

  private final WorkPointsImporter importer = new WorkPointsImporter();
  private final CatalogueMapper mapper = new CatalogueMapper(GUANGDONG, importer);

  private static byte[] fixture(String name) throws IOException {
    try (InputStream in = CatalogueMapperTest.class.getResourceAsStream("/catalogue/" + name)) {
      return in.readAllBytes();
    }
  }

  @Test
  void seed000AttachmentOneBecomesTheSixConfiguredAreasWithTheirCodesAndLeadDepartments() throws IOException {
    ImportedCatalogue imported = mapper.map(importer.importHtml(fixture("assessment-catalogue-2017.html")), 2026, "");
    Organisation.Catalogue catalogue = imported.catalogue();

    assertThat(catalogue.year()).isEqualTo(2026);
    assertThat(catalogue.title()).isEqualTo("2017年度广东共青团工作考核目录");
    assertThat(catalogue.areas()).extracting(Organisation.Area::code).containsExactly("thought-guidance",
        "deepening-reform", "strict-governance", "online-league", "direct-contact", "key-service-projects");
    // the configured lead departments, found through names and the configured short forms (基层部, 青发部)
    assertThat(catalogue.areas()).extracting(Organisation.Area::leadDepartment)
        .containsExactlyElementsOf(GUANGDONG.catalogue().areas().stream().map(Organisation.Area::leadDepartment).toList());
    assertThat(catalogue.areas()).extracting(area -> area.items().size()).containsExactly(5, 5, 5, 4, 4, 4);
    assertThat(imported.unknownDepartments()).isEmpty();

    Organisation.Area first = catalogue.areas().get(0);
    assertThat(first.cooperatingDepartments())
        .containsExactly("organisation", "youth-development", "grassroots", "school", "young-pioneers", "united-front");
    assertThat(first.items().get(0).code()).isEqualTo("thought-guidance-1");
    assertThat(first.items().get(0).name()).isEqualTo("迎接党的十九大和深入学习贯彻党的十九大精神系列工作");
    assertThat(first.items().get(0).leadDepartments()).containsExactly("publicity", "school");
    assertThat(first.items().get(0).description()).endsWith("直接参与人数等。").doesNotContain("牵头部门", "<", ">");
    // 数据及新媒体中心 (the seed's misspelling) is a configured alias of big-data-centre
    assertThat(catalogue.areas().get(3).items().get(0).leadDepartments()).containsExactly("office", "big-data-centre");
    // the seed names 基层部 as lead and cooperating department of 从严治团: the lead is not also cooperating
    assertThat(catalogue.areas().get(2).cooperatingDepartments()).containsExactly("young-pioneers");

    assertThat(CatalogueRules.problems(catalogue, GUANGDONG)).isEmpty();
  }

  @Test
  void seed001WorkPointsBecomeFiveAreasOfSixteenItemsWithGeneratedCodesAndNoLeadDepartments() throws IOException {
    ImportedCatalogue imported = mapper.map(importer.importHtml(fixture("work-points-2017.html")), 2026, "旧目录");
    Organisation.Catalogue catalogue = imported.catalogue();

    assertThat(catalogue.title()).isEqualTo("2017年工作要点");
    assertThat(catalogue.areas()).extracting(Organisation.Area::code)
        .containsExactly("area-1", "area-2", "area-3", "area-4", "area-5");
    assertThat(catalogue.areas()).extracting(Organisation.Area::name)
        .containsExactly("全面推进从严治团", "狠抓共青团改革落地", "聚焦共青团的核心主业", "有效服务党政大局", "切实服务青年成长发展");
    assertThat(catalogue.areas()).extracting(area -> area.items().size()).containsExactly(4, 2, 3, 5, 2);
    assertThat(catalogue.areas().stream().mapToInt(area -> area.items().size()).sum()).isEqualTo(16);
    assertThat(catalogue.areas().get(0).items()).extracting(Organisation.Item::code)
        .containsExactly("area-1-1", "area-1-2", "area-1-3", "area-1-4");
    assertThat(catalogue.areas().get(0).items().get(0).name()).isEqualTo("强化思想建团");
    assertThat(catalogue.areas()).allSatisfy(area -> assertThat(area.leadDepartment()).isEmpty());
    assertThat(imported.warnings()).anyMatch(w -> w.contains("第 1 项“全面推进从严治团”没有可识别的牵头部门"));

    // the office chooses the lead departments; nothing else stands in the way
    assertThat(CatalogueRules.problems(catalogue, GUANGDONG)).hasSize(5)
        .allMatch(problem -> problem.endsWith("未选择牵头部门"));
  }

  @Test
  void theSamePageGivesTheSameCodesEveryTime() throws IOException {
    byte[] page = fixture("work-points-2017.html");

    assertThat(mapper.map(importer.importHtml(page), 2026, "")).isEqualTo(mapper.map(importer.importHtml(page), 2026, ""));
  }

  @Test
  void aConfiguredNameMetTwiceKeepsItsCodeOnceAndSeveralLeadsLeaveTheFirstAsLead() {
    DraftItem item = new DraftItem("1", "常态化下沉基层工作", "常态化下沉基层工作。<script>alert(1)</script>下沉情况。",
        List.of("组织部"), List.of("办公室"));
    DraftCatalogue draft = new DraftCatalogue("", List.of(
        new DraftSection("一", "从严治团", List.of("组织部", "基层部"), List.of("少年部", "组织部"), List.of(item)),
        new DraftSection("二", "从 严 治 团", List.of("信息部"), List.of(), List.of(item))), List.of());

    ImportedCatalogue imported = mapper.map(draft, 2026, "2026年度考核目录");

    Organisation.Catalogue catalogue = imported.catalogue();
    assertThat(catalogue.title()).isEqualTo("2026年度考核目录");
    assertThat(catalogue.areas()).extracting(Organisation.Area::code).containsExactly("strict-governance", "area-2");
    assertThat(catalogue.areas().get(0).items()).extracting(Organisation.Item::code).containsExactly("direct-contact-1");
    assertThat(catalogue.areas().get(1).items()).extracting(Organisation.Item::code).containsExactly("area-2-1");
    assertThat(catalogue.areas().get(0).leadDepartment()).isEqualTo("organisation");
    assertThat(catalogue.areas().get(0).cooperatingDepartments()).containsExactly("grassroots", "young-pioneers");
    assertThat(catalogue.areas().get(1).leadDepartment()).isEmpty();
    assertThat(catalogue.areas().get(0).items().get(0).description()).isEqualTo("常态化下沉基层工作。下沉情况。");
    assertThat(imported.unknownDepartments()).containsExactly("信息部");
    assertThat(imported.warnings())
        .anyMatch(w -> w.contains("列出多个牵头部门，已取第一个"))
        .anyMatch(w -> w.contains("配合部门（办公室）未导入"));
    // the same name twice: attachment 2 could not tell the rows apart
    assertThat(CatalogueRules.problems(catalogue, GUANGDONG)).anyMatch(p -> p.contains("与第 1 项名称相同"));
  }

  @Test
  void longNamesAreCutWithAWarning() {
    String longName = "很长的名称".repeat(30);
    DraftCatalogue draft = new DraftCatalogue("目录", List.of(new DraftSection("一", longName,
        List.of("宣传部"), List.of(), List.of(new DraftItem("1", longName, "正文", List.of(), List.of())))), List.of());

    Organisation.Catalogue catalogue = mapper.map(draft, 2026, "").catalogue();

    assertThat(catalogue.areas().get(0).name()).hasSize(CatalogueRules.NAME_MAX);
    assertThat(catalogue.areas().get(0).items().get(0).name()).hasSize(CatalogueRules.NAME_MAX);
    assertThat(CatalogueRules.problems(catalogue, GUANGDONG)).isEmpty();
  }
}
