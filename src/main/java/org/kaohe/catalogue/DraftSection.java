package org.kaohe.catalogue;

import java.util.List;

/**
 * A section (一、二、…) of a catalogue: in work points a group of key tasks, in an assessment
 * catalogue an area with its own lead and cooperating departments (by name, as written).
 */
public record DraftSection(String number, String title, List<String> leadDepartmentNames,
        List<String> cooperatingDepartmentNames, List<DraftItem> items) {

    public DraftSection {
        number = number == null ? "" : number;
        title = title == null ? "" : title;
        leadDepartmentNames = List.copyOf(leadDepartmentNames);
        cooperatingDepartmentNames = List.copyOf(cooperatingDepartmentNames);
        items = List.copyOf(items);
    }

    public DraftSection(String number, String title, List<DraftItem> items) {
        this(number, title, List.of(), List.of(), items);
    }
}
