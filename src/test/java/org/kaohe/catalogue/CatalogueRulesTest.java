package org.kaohe.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kaohe.organisation.Organisation;
import org.kaohe.organisation.Organisation.Area;
import org.kaohe.organisation.Organisation.Catalogue;
import org.kaohe.organisation.Organisation.Item;
import org.kaohe.organisation.ShippedOrganisations;

/** The rules of a round's catalogue, as the draft's complete listener and publication apply them. */
class CatalogueRulesTest {

  private static final Organisation GUANGDONG = ShippedOrganisations.load("guangdong");
  private static final Organisation INNER_MONGOLIA = ShippedOrganisations.load("inner-mongolia");

  private static Item item(String code, String name) {
    return new Item(code, name, "说明", List.of("publicity"));
  }

  private static Area area(String code, String name, String lead, Item... items) {
    return new Area(code, name, lead, List.of(), List.of(items));
  }

  private static List<String> problems(Area... areas) {
    return CatalogueRules.problems(new Catalogue(2026, "目录", List.of(areas)), GUANGDONG);
  }

  @Test
  void theConfiguredCataloguesPassAndCleaningLeavesThemAsTheyAre() {
    for (Organisation organisation : List.of(GUANGDONG, INNER_MONGOLIA)) {
      assertThat(CatalogueRules.problems(organisation.catalogue(), organisation)).as(organisation.code()).isEmpty();
      assertThat(CatalogueRules.cleaned(organisation.catalogue())).as(organisation.code())
          .isSameAs(organisation.catalogue());
    }
  }

  @Test
  void aCatalogueNeedsATitleAndAtLeastOneArea() {
    assertThat(CatalogueRules.problems(null, GUANGDONG)).containsExactly("缺少考核目录");
    assertThat(CatalogueRules.problems(new Catalogue(2026, " ", List.of()), GUANGDONG))
        .containsExactly("考核目录标题不能为空", "考核目录至少需要一个考核项目");
    assertThat(CatalogueRules.problems(new Catalogue(2026, "题".repeat(101), List.of(area("a", "项目", "publicity"))),
        GUANGDONG)).containsExactly("考核目录标题不能超过 100 字");
  }

  @Test
  void codesAreWellFormedAndUnique() {
    assertThat(problems(
        area("area-1", "甲", "publicity", item("area-1-1", "指标一"), item("area-1-1", "指标二")),
        area("area-1", "乙", "publicity", item("area-1-1", "指标三")),
        area("Area 3", "丙", "publicity", item("", "指标四")),
        area("area--4", "丁", "publicity"),
        area("a" + "b".repeat(40), "戊", "publicity"))).containsExactly(
            "考核项目第 1 项「甲」的指标第 2 条「指标二」的代码“area-1-1”与其他指标重复",
            "考核项目第 2 项「乙」的代码“area-1”与其他考核项目重复",
            "考核项目第 2 项「乙」的指标第 1 条「指标三」的代码“area-1-1”与其他指标重复",
            "考核项目第 3 项「丙」的代码“Area 3”格式不正确：只能由小写字母、数字和单个连字符组成，以字母开头，不超过 40 个字符",
            "考核项目第 3 项「丙」的指标第 1 条「指标四」缺少代码",
            "考核项目第 4 项「丁」的代码“area--4”格式不正确：只能由小写字母、数字和单个连字符组成，以字母开头，不超过 40 个字符",
            "考核项目第 5 项「戊」的代码“abbbbbbbbbbbbbbbbbbbbbbbbbbbbb…”格式不正确：只能由小写字母、数字和单个连字符组成，以字母开头，不超过 40 个字符");
  }

  @Test
  void namesAreRequiredBoundedOnOneLineAndWithoutMarkup() {
    assertThat(problems(
        area("a1", " ", "publicity", item("i1", "")),
        area("a2", "名".repeat(101), "publicity"),
        area("a3", "第一行\n第二行", "publicity"),
        area("a4", "<b>加粗</b>", "publicity", item("i4", "指标<img src=x onerror=alert(1)>")),
        area("a5", "1<2 与 a < b", "publicity"))).containsExactly(
            "考核项目第 1 项缺少名称",
            "考核项目第 1 项的指标第 1 条缺少名称",
            "考核项目第 2 项「" + "名".repeat(30) + "…」的名称不能超过 100 字（现 101 字）",
            "考核项目第 3 项「第一行 第二行」的名称不能包含换行或控制字符",
            "考核项目第 4 项「＜b＞加粗＜/b＞」的名称不能包含 HTML 标记",
            "考核项目第 4 项「＜b＞加粗＜/b＞」的指标第 1 条「指标＜img src=x onerror=alert(1)＞」的名称不能包含 HTML 标记");
  }

  @Test
  void areaNamesAreUniqueAsAttachmentTwoReadsThem() {
    assertThat(problems(area("a1", "从严治团（一）", "publicity"), area("a2", "从 严 治 团(一)", "publicity")))
        .containsExactly("考核项目第 2 项「从 严 治 团(一)」与第 1 项名称相同，考核项目名称不能重复");
  }

  @Test
  void leadAndCooperatingDepartmentsAreDepartmentsOrAffiliatedUnitsOfTheOrganisation() {
    assertThat(problems(
        area("a1", "甲", ""),
        area("a2", "乙", "propaganda"),
        area("a3", "丙", "guangzhou"),
        new Area("a4", "丁", "publicity", List.of("publicity", "big-data-centre", "big-data-centre", "nobody"),
            List.of(new Item("i1", "指标", null, List.of("office", "shenzhen", "office")))),
        area("a5", "戊", "big-data-centre"))).containsExactly(
            "考核项目第 1 项「甲」未选择牵头部门",
            "考核项目第 2 项「乙」的牵头部门“propaganda”不是本组织的单位",
            "考核项目第 3 项「丙」的牵头部门“广州市团委”是地市团委，应为部室或直属单位",
            "考核项目第 4 项「丁」：宣传部已是牵头部门，不能同时是配合部门",
            "考核项目第 4 项「丁」的配合部门广东青少年大数据及新媒体中心重复",
            "考核项目第 4 项「丁」的配合部门“nobody”不是本组织的单位",
            "考核项目第 4 项「丁」的指标第 1 条「指标」的牵头部门“深圳市团委”是地市团委，应为部室或直属单位");
  }

  @Test
  void descriptionsAndCountsAreBounded() {
    List<Item> items = new ArrayList<>();
    for (int i = 1; i <= 51; i++) {
      items.add(item("i" + i, "指标" + i));
    }
    items.set(0, new Item("i1", "指标1", "字".repeat(2001), List.of()));
    List<String> found = problems(new Area("a1", "甲", "publicity", List.of(), items));
    assertThat(found).containsExactly("考核项目第 1 项「甲」最多 50 条指标（现 51 条）",
        "考核项目第 1 项「甲」的指标第 1 条「指标1」的说明不能超过 2000 字（现 2001 字）");

    List<Area> areas = new ArrayList<>();
    for (int i = 1; i <= 31; i++) {
      areas.add(area("a" + i, "项目" + i, "publicity"));
    }
    assertThat(CatalogueRules.problems(new Catalogue(2026, "目录", areas), GUANGDONG))
        .containsExactly("考核目录最多 30 个考核项目（现 31 个）");
  }

  @Test
  void manyProblemsAreSummarised() {
    List<Area> areas = new ArrayList<>();
    for (int i = 1; i <= 25; i++) {
      areas.add(area("a" + i, "项目" + i, ""));
    }
    List<String> found = CatalogueRules.problems(new Catalogue(2026, "目录", areas), GUANGDONG);
    assertThat(found).hasSize(21).last().isEqualTo("考核目录共有 25 处问题，其余未列出");
  }

  @Test
  void descriptionsBecomePlainTextWithTheirLines() {
    assertThat(CatalogueRules.cleanDescription(null)).isNull();
    assertThat(CatalogueRules.cleanDescription("第一行。\n第二行：1<2，“引号”《书名》")).isEqualTo("第一行。\n第二行：1<2，“引号”《书名》");
    assertThat(CatalogueRules.cleanDescription("<p>开展<b>主题</b>活动</p><script>alert(1)</script>\r\n<a href=\"javascript:x\">链接</a>"))
        .isEqualTo("开展主题活动\n链接");
    // an escaped tag does not come out as a tag
    assertThat(CatalogueRules.cleanDescription("&lt;img src=x onerror=alert(1)&gt;说明")).isEqualTo("说明");
    assertThat(CatalogueRules.cleanDescription("{{constructor.constructor('alert(1)')()}}"))
        .isEqualTo("{{constructor.constructor('alert(1)')()}}");
  }

  @Test
  void aNoticesDescriptionsAreCleanedInPlaceAndNothingElseChanges() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    JsonNode notice = mapper.readTree("""
        {"title": "<b>通知</b>", "extra": {"kept": true},
         "catalogue": {"title": "目录", "areas": [{"code": "a1", "name": "<i>甲</i>", "items": [
           {"code": "i1", "name": "指标", "description": "说明<script>alert(1)</script>", "future": 1},
           {"code": "i2", "name": "指标二", "description": null}]}]}}""");

    assertThat(CatalogueRules.cleanDescriptions(notice)).isTrue();
    assertThat(notice.toString()).isEqualTo(mapper.readTree("""
        {"title": "<b>通知</b>", "extra": {"kept": true},
         "catalogue": {"title": "目录", "areas": [{"code": "a1", "name": "<i>甲</i>", "items": [
           {"code": "i1", "name": "指标", "description": "说明", "future": 1},
           {"code": "i2", "name": "指标二", "description": null}]}]}}""").toString());
    assertThat(CatalogueRules.cleanDescriptions(notice)).isFalse();
  }

  @Test
  void departmentNamesIncludeAliasesButNoCities() {
    assertThat(CatalogueRules.departmentCodesByName(GUANGDONG))
        .containsEntry("宣传部", "publicity")
        .containsEntry("青发部", "youth-development")
        .containsEntry("数据及新媒体中心", "big-data-centre")
        .doesNotContainKey("广州市团委");
  }
}
