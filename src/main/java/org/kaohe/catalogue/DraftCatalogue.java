package org.kaohe.catalogue;

import java.util.List;

/**
 * A key-work catalogue as read from a notice or a work-points page, for an administrator to review
 * before it is stored for a round. {@code warnings} (Chinese) name everything the importer did not
 * understand or had to guess.
 */
public record DraftCatalogue(String title, List<DraftSection> sections, List<String> warnings) {

    public DraftCatalogue {
        title = title == null ? "" : title;
        sections = List.copyOf(sections);
        warnings = List.copyOf(warnings);
    }

    public int itemCount() {
        return sections.stream().mapToInt(section -> section.items().size()).sum();
    }

    public boolean isEmpty() {
        return sections.isEmpty();
    }
}
