package org.kaohe.progressreport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kaohe.catalogue.CatalogueRules;
import org.kaohe.catalogue.DraftCatalogue;
import org.kaohe.catalogue.DraftItem;
import org.kaohe.catalogue.DraftSection;
import org.kaohe.catalogue.WorkPointsImporter;
import org.kaohe.organisation.Organisation;
import org.springframework.stereotype.Component;

/**
 * The year's key work from a work-points page (seed 001): every numbered item becomes a line under its section,
 * numbered through the year, its responsible department the item's first lead department (else the section's).
 * Nothing is stored: the office checks the lines in the draft form and submits them.
 */
@Component
public class KeyWorkImport {

  private final Organisation organisation;
  private final WorkPointsImporter importer;

  KeyWorkImport(Organisation organisation, WorkPointsImporter importer) {
    this.organisation = organisation;
    this.importer = importer;
  }

  /** {@code {"keyWork": {"title", "lines": [...]}, "warnings": [...], "unknownDepartments": [...]}}. */
  public Map<String, Object> map(DraftCatalogue draft, int year) {
    Map<String, String> departments = CatalogueRules.departmentCodesByName(organisation);
    List<String> warnings = new ArrayList<>(draft.warnings());
    Set<String> unknown = new LinkedHashSet<>(importer.mapDepartments(draft, departments).unknownNames());
    List<Map<String, Object>> lines = new ArrayList<>();
    for (DraftSection section : draft.sections()) {
      List<String> sectionLeads = importer.mapDepartments(section.leadDepartmentNames(), departments).codes();
      for (DraftItem item : section.items()) {
        List<String> leads = importer.mapDepartments(item.leadDepartmentNames(), departments).codes();
        String department = !leads.isEmpty() ? leads.get(0) : sectionLeads.isEmpty() ? "" : sectionLeads.get(0);
        int number = lines.size() + 1;
        if (department.isEmpty()) {
          warnings.add("第" + number + "项“" + item.title() + "”没有可识别的责任部门，请选择。");
        } else if (leads.size() > 1) {
          warnings.add("第" + number + "项“" + item.title() + "”列出多个牵头部门，已取第一个为责任部门，请核对。");
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("number", number);
        line.put("section", section.title());
        line.put("title", item.title());
        line.put("description", item.text());
        line.put("department", department);
        lines.add(line);
      }
    }
    Map<String, Object> keyWork = new LinkedHashMap<>();
    keyWork.put("title", draft.title() == null || draft.title().isBlank() ? year + "年重点工作" : draft.title());
    keyWork.put("lines", lines);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("keyWork", keyWork);
    answer.put("warnings", warnings);
    answer.put("unknownDepartments", List.copyOf(unknown));
    return answer;
  }
}
