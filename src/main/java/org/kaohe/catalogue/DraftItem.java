package org.kaohe.catalogue;

import java.util.List;

/**
 * One numbered item: its number as written ("1", "一"), a short title (the bold lead phrase or the
 * first sentence), the full text without the number and without the "（牵头部门：…）" suffix, and
 * the department names that suffix gave.
 */
public record DraftItem(String number, String title, String text, List<String> leadDepartmentNames,
        List<String> cooperatingDepartmentNames) {

    public DraftItem {
        number = number == null ? "" : number;
        title = title == null ? "" : title;
        text = text == null ? "" : text;
        leadDepartmentNames = List.copyOf(leadDepartmentNames);
        cooperatingDepartmentNames = List.copyOf(cooperatingDepartmentNames);
    }
}
