package org.kaohe.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.kaohe.organisation.Organisation;
import org.kaohe.organisation.UnitKind;

/**
 * The rules a round's catalogue (the notice's {@code catalogue}) must meet, whoever wrote it: the organisation's
 * configuration, an import the office reviewed in {@code draft-notice.html}, or a request that bypassed the form.
 * Every later step relies on them: area reviews start one instance per area code (business key
 * {@code <roundId>:<areaCode>}) for the group of the area's lead department, attachment 2 has one row per area and
 * is read back by the area's name, aggregation averages over the area codes.
 *
 * <p>Descriptions are plain text everywhere Kaohe shows them (forms bind them as text, documents write them as
 * text), so they are <em>cleaned</em>, not refused: {@link #cleanDescription(String)} removes any markup and keeps
 * the lines. Names and codes are <em>checked</em>: a name with markup is refused, because silently changing the
 * name the office typed would change what units and departments read.
 */
public final class CatalogueRules {

  /** As in the organisation file: codes are lower-case letters, digits and single hyphens, from a letter. */
  static final Pattern CODE = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
  public static final int CODE_MAX = 40;
  public static final int TITLE_MAX = 100;
  public static final int NAME_MAX = 100;
  public static final int DESCRIPTION_MAX = 2_000;
  /** Seeds have 6 and 4 areas of at most 6 items; the bounds keep the notice (copied to every unit) small. */
  public static final int MAX_AREAS = 30;
  public static final int MAX_ITEMS_PER_AREA = 50;
  /** More problems than this are summarised: a broken import should not produce a page of messages. */
  static final int MAX_PROBLEMS = 20;

  /** What jsoup would read as the start of a tag, a comment or a declaration. */
  private static final Pattern MARKUP = Pattern.compile("<[/!?a-zA-Z]");
  private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
  private static final Pattern LINE_BREAK = Pattern.compile("\\r\\n|\\r|\\n");

  private CatalogueRules() {}

  /** Every problem of the catalogue, in Chinese, naming the area or item; empty when it may be published. */
  public static List<String> problems(Organisation.Catalogue catalogue, Organisation organisation) {
    List<String> problems = new ArrayList<>();
    if (catalogue == null) {
      problems.add("缺少考核目录");
      return problems;
    }
    if (blank(catalogue.title())) {
      problems.add("考核目录标题不能为空");
    } else if (length(catalogue.title()) > TITLE_MAX) {
      problems.add("考核目录标题不能超过 " + TITLE_MAX + " 字");
    }
    List<Organisation.Area> areas = catalogue.areas();
    if (areas.isEmpty()) {
      problems.add("考核目录至少需要一个考核项目");
    } else if (areas.size() > MAX_AREAS) {
      problems.add("考核目录最多 " + MAX_AREAS + " 个考核项目（现 " + areas.size() + " 个）");
    }
    Map<String, Organisation.Unit> units = new HashMap<>();
    organisation.units().forEach(unit -> units.put(unit.code(), unit));
    Set<String> areaCodes = new HashSet<>();
    Set<String> itemCodes = new HashSet<>();
    Map<String, Integer> areaNames = new HashMap<>();
    for (int i = 0; i < areas.size(); i++) {
      Organisation.Area area = areas.get(i);
      String where = "考核项目第 " + (i + 1) + " 项" + quoted(area.name());
      code(problems, where, area.code(), areaCodes, "考核项目");
      name(problems, where, area.name());
      if (!blank(area.name())) {
        // attachment 2 is read back by the area's name, compared as PoiPackageWorkbooks compares it
        Integer same = areaNames.putIfAbsent(workbookName(area.name()), i + 1);
        if (same != null) {
          problems.add(where + "与第 " + same + " 项名称相同，考核项目名称不能重复");
        }
      }
      if (blank(area.leadDepartment())) {
        problems.add(where + "未选择牵头部门");
      } else {
        department(problems, where, "牵头部门", area.leadDepartment(), units);
      }
      Set<String> cooperating = new HashSet<>();
      for (String code : area.cooperatingDepartments()) {
        if (blank(code)) {
          problems.add(where + "的配合部门不能为空");
        } else if (code.equals(area.leadDepartment())) {
          problems.add(where + "：" + unitName(code, units) + "已是牵头部门，不能同时是配合部门");
        } else if (!cooperating.add(code)) {
          problems.add(where + "的配合部门" + unitName(code, units) + "重复");
        } else {
          department(problems, where, "配合部门", code, units);
        }
      }
      if (area.items().size() > MAX_ITEMS_PER_AREA) {
        problems.add(where + "最多 " + MAX_ITEMS_PER_AREA + " 条指标（现 " + area.items().size() + " 条）");
      }
      for (int j = 0; j < area.items().size(); j++) {
        Organisation.Item item = area.items().get(j);
        String itemWhere = where + "的指标第 " + (j + 1) + " 条" + quoted(item.name());
        code(problems, itemWhere, item.code(), itemCodes, "指标");
        name(problems, itemWhere, item.name());
        if (item.description() != null && length(item.description()) > DESCRIPTION_MAX) {
          problems.add(itemWhere + "的说明不能超过 " + DESCRIPTION_MAX + " 字（现 " + length(item.description()) + " 字）");
        }
        Set<String> leads = new HashSet<>();
        for (String code : item.leadDepartments()) {
          if (blank(code)) {
            problems.add(itemWhere + "的牵头部门不能为空");
          } else if (leads.add(code)) {
            department(problems, itemWhere, "牵头部门", code, units);
          }
        }
      }
    }
    if (problems.size() > MAX_PROBLEMS) {
      int total = problems.size();
      List<String> shown = new ArrayList<>(problems.subList(0, MAX_PROBLEMS));
      shown.add("考核目录共有 " + total + " 处问题，其余未列出");
      return shown;
    }
    return problems;
  }

  /**
   * A description as plain text: markup removed (script and style with their content), entities decoded, spaces
   * collapsed, lines kept. Repeated until nothing changes, so that an escaped tag ({@code &lt;b&gt;}) does not come
   * out as a tag. {@code null} stays {@code null}; text without markup keeps its characters and lines.
   */
  public static String cleanDescription(String text) {
    if (text == null) {
      return null;
    }
    String current = text;
    for (int round = 0; round < 5; round++) {
      String next = plainLines(current);
      if (next.equals(current)) {
        break;
      }
      current = next;
    }
    return current;
  }

  /** The catalogue with every description cleaned; the same object when nothing changed. */
  public static Organisation.Catalogue cleaned(Organisation.Catalogue catalogue) {
    if (catalogue == null) {
      return null;
    }
    boolean changed = false;
    List<Organisation.Area> areas = new ArrayList<>();
    for (Organisation.Area area : catalogue.areas()) {
      List<Organisation.Item> items = new ArrayList<>();
      for (Organisation.Item item : area.items()) {
        String description = cleanDescription(item.description());
        changed |= !java.util.Objects.equals(description, item.description());
        items.add(new Organisation.Item(item.code(), item.name(), description, item.leadDepartments()));
      }
      areas.add(new Organisation.Area(area.code(), area.name(), area.leadDepartment(), area.cooperatingDepartments(),
          items));
    }
    return changed ? new Organisation.Catalogue(catalogue.year(), catalogue.title(), areas) : catalogue;
  }

  /**
   * Cleans the descriptions of a notice's JSON in place ({@code catalogue.areas[].items[].description}), leaving
   * every other field as the form wrote it; true when something changed.
   */
  public static boolean cleanDescriptions(JsonNode notice) {
    boolean changed = false;
    for (JsonNode area : notice.path("catalogue").path("areas")) {
      for (JsonNode item : area.path("items")) {
        JsonNode description = item.get("description");
        if (item instanceof ObjectNode object && description != null && description.isTextual()) {
          String cleaned = cleanDescription(description.asText());
          if (!cleaned.equals(description.asText())) {
            object.put("description", cleaned);
            changed = true;
          }
        }
      }
    }
    return changed;
  }

  /**
   * Department names (and configured aliases) of the organisation's departments and affiliated units, each to its
   * code: what an imported catalogue's names are mapped against. Cities never lead or cooperate on an area.
   */
  public static Map<String, String> departmentCodesByName(Organisation organisation) {
    Map<String, String> codes = new LinkedHashMap<>();
    for (Organisation.Unit unit : organisation.units()) {
      if (unit.kind() != null && unit.kind() != UnitKind.CITY) {
        codes.putIfAbsent(unit.name(), unit.code());
        unit.aliases().forEach(alias -> codes.putIfAbsent(alias, unit.code()));
      }
    }
    return codes;
  }

  /** The name as PoiPackageWorkbooks matches a row of attachment 2 to its area. */
  static String workbookName(String name) {
    return name.replaceAll("\\s", "").replace('（', '(').replace('）', ')');
  }

  static int length(String text) {
    return text.codePointCount(0, text.length());
  }

  private static String plainLines(String text) {
    List<String> lines = new ArrayList<>();
    for (String line : LINE_BREAK.split(text, -1)) {
      lines.add(RichText.plainText(line));
    }
    return String.join("\n", lines).strip();
  }

  private static void code(List<String> problems, String where, String code, Set<String> seen, String what) {
    if (blank(code)) {
      problems.add(where + "缺少代码");
    } else if (code.length() > CODE_MAX || !CODE.matcher(code).matches()) {
      problems.add(where + "的代码“" + abbreviate(code) + "”格式不正确：只能由小写字母、数字和单个连字符组成，以字母开头，不超过 "
          + CODE_MAX + " 个字符");
    } else if (!seen.add(code)) {
      problems.add(where + "的代码“" + code + "”与其他" + what + "重复");
    }
  }

  private static void name(List<String> problems, String where, String name) {
    if (blank(name)) {
      problems.add(where + "缺少名称");
    } else if (length(name.strip()) > NAME_MAX) {
      problems.add(where + "的名称不能超过 " + NAME_MAX + " 字（现 " + length(name.strip()) + " 字）");
    } else if (CONTROL.matcher(name).find()) {
      problems.add(where + "的名称不能包含换行或控制字符");
    } else if (MARKUP.matcher(name).find()) {
      problems.add(where + "的名称不能包含 HTML 标记");
    }
  }

  private static void department(List<String> problems, String where, String role, String code,
      Map<String, Organisation.Unit> units) {
    Organisation.Unit unit = units.get(code);
    if (unit == null) {
      problems.add(where + "的" + role + "“" + abbreviate(code) + "”不是本组织的单位");
    } else if (unit.kind() == UnitKind.CITY) {
      problems.add(where + "的" + role + "“" + unit.name() + "”是地市团委，应为部室或直属单位");
    }
  }

  private static String unitName(String code, Map<String, Organisation.Unit> units) {
    Organisation.Unit unit = units.get(code);
    return unit == null ? "“" + abbreviate(code) + "”" : unit.name();
  }

  private static String quoted(String name) {
    return blank(name) ? "" : "「" + abbreviate(name.strip()) + "」";
  }

  /**
   * A value quoted in a message, at most 30 characters, without line breaks, and with angle brackets made full-width
   * so that a message never carries markup into whatever shows it.
   */
  private static String abbreviate(String text) {
    String oneLine = CONTROL.matcher(text).replaceAll(" ").replace('<', '＜').replace('>', '＞');
    return length(oneLine) <= 30 ? oneLine : oneLine.substring(0, oneLine.offsetByCodePoints(0, 30)) + "…";
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
