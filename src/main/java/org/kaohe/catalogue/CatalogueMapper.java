package org.kaohe.catalogue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kaohe.organisation.Organisation;
import org.springframework.stereotype.Component;

/**
 * Turns an imported {@link DraftCatalogue} into a round's catalogue in the notice's shape, for the office to review
 * in {@code draft-notice.html}: sections become areas, numbered items become items, department names become unit
 * codes of the organisation (by name or configured alias). Nothing is stored here.
 *
 * <p>Codes: an area or item whose name is one the organisation's configured catalogue uses keeps that configured
 * code, so that a round that re-imports last year's catalogue reviews under the same codes; any other gets a code
 * from its position, {@code area-3} and {@code area-3-2}, the same for the same page every time.
 */
@Component
public class CatalogueMapper {

  /** The reviewed-to-be catalogue and what the office should look at before adopting it. */
  public record ImportedCatalogue(
      Organisation.Catalogue catalogue, List<String> warnings, List<String> unknownDepartments) {}

  private final Organisation organisation;
  private final WorkPointsImporter importer;

  public CatalogueMapper(Organisation organisation, WorkPointsImporter importer) {
    this.organisation = organisation;
    this.importer = importer;
  }

  /**
   * @param year the round's year (the notice's), which the catalogue takes
   * @param fallbackTitle the title when the page gave none (the notice's present catalogue title)
   */
  public ImportedCatalogue map(DraftCatalogue draft, int year, String fallbackTitle) {
    List<String> warnings = new ArrayList<>(draft.warnings());
    Map<String, String> departments = CatalogueRules.departmentCodesByName(organisation);
    DepartmentMapping all = importer.mapDepartments(draft, departments);

    Map<String, String> configuredAreas = new HashMap<>();
    Map<String, String> configuredItems = new HashMap<>();
    if (organisation.catalogue() != null) {
      for (Organisation.Area area : organisation.catalogue().areas()) {
        configuredAreas.putIfAbsent(key(area.name()), area.code());
        for (Organisation.Item item : area.items()) {
          configuredItems.putIfAbsent(key(item.name()), item.code());
        }
      }
    }
    // Codes handed out so far, configured or generated: a code is never given twice, even when a configured code
    // happens to look like a generated one.
    Set<String> used = new HashSet<>();

    List<Organisation.Area> areas = new ArrayList<>();
    List<DraftSection> sections = draft.sections();
    for (int i = 0; i < sections.size(); i++) {
      DraftSection section = sections.get(i);
      String name = name(section.title(), "第 " + (i + 1) + " 项考核项目", warnings);
      String code = code(configuredAreas.get(key(name)), "area-" + (i + 1), used);
      String where = "第 " + (i + 1) + " 项“" + (name.isEmpty() ? "（无名称）" : name) + "”";

      List<String> leads = importer.mapDepartments(section.leadDepartmentNames(), departments).codes();
      String lead = leads.isEmpty() ? "" : leads.get(0);
      Set<String> cooperating = new LinkedHashSet<>();
      if (leads.size() > 1) {
        // one department evaluates an area (its review task); the others named as leads still take part
        warnings.add(where + "列出多个牵头部门，已取第一个为牵头部门，其余作为配合部门，请核对。");
        cooperating.addAll(leads.subList(1, leads.size()));
      }
      cooperating.addAll(importer.mapDepartments(section.cooperatingDepartmentNames(), departments).codes());
      cooperating.remove(lead);
      if (lead.isEmpty()) {
        warnings.add(where + "没有可识别的牵头部门，请选择。");
      }

      List<Organisation.Item> items = new ArrayList<>();
      for (int j = 0; j < section.items().size(); j++) {
        DraftItem item = section.items().get(j);
        String itemName = name(item.title(), where + "第 " + (j + 1) + " 条指标", warnings);
        String itemCode = code(configuredItems.get(key(itemName)), "area-" + (i + 1) + "-" + (j + 1), used);
        String description = CatalogueRules.cleanDescription(item.text());
        if (CatalogueRules.length(description) > CatalogueRules.DESCRIPTION_MAX) {
          description = description.substring(0, description.offsetByCodePoints(0, CatalogueRules.DESCRIPTION_MAX));
          warnings.add(where + "第 " + (j + 1) + " 条指标的说明超过 " + CatalogueRules.DESCRIPTION_MAX + " 字，只保留了前面部分。");
        }
        if (!item.cooperatingDepartmentNames().isEmpty()) {
          warnings.add(where + "第 " + (j + 1) + " 条指标列出的配合部门（" + String.join("、", item.cooperatingDepartmentNames())
              + "）未导入：考核目录只在考核项目一级记录配合部门。");
        }
        List<String> itemLeads = importer.mapDepartments(item.leadDepartmentNames(), departments).codes();
        items.add(new Organisation.Item(itemCode, itemName, description, itemLeads));
      }
      areas.add(new Organisation.Area(code, name, lead, List.copyOf(cooperating), items));
    }

    String title = name(draft.title(), "考核目录标题", warnings);
    if (title.isEmpty()) {
      title = fallbackTitle == null || fallbackTitle.isBlank() ? year + "年度工作考核目录" : fallbackTitle.strip();
    }
    return new ImportedCatalogue(new Organisation.Catalogue(year, title, areas), warnings, all.unknownNames());
  }

  /** A name on one line, without markup, at most {@link CatalogueRules#NAME_MAX} characters. */
  private static String name(String text, String what, List<String> warnings) {
    String name = RichText.plainText(text == null ? "" : text).replace('\n', ' ').strip();
    int max = CatalogueRules.NAME_MAX;
    if (CatalogueRules.length(name) > max) {
      name = name.substring(0, name.offsetByCodePoints(0, max));
      warnings.add(what + "的名称超过 " + max + " 字，已截短，请核对。");
    }
    return name;
  }

  private static String code(String configured, String generated, Set<String> used) {
    if (configured != null && used.add(configured)) {
      return configured;
    }
    String code = generated;
    for (int n = 2; !used.add(code); n++) {
      code = generated + "-" + n;
    }
    return code;
  }

  /** Names compare without spaces and with either kind of brackets, as attachment 2 compares them. */
  private static String key(String name) {
    return name == null ? "" : CatalogueRules.workbookName(name);
  }
}
