package org.kaohe.catalogue;

import java.util.List;
import java.util.Map;

/**
 * Department names resolved to unit codes: {@code codesByName} in the order met, {@code unknownNames}
 * the names the configuration does not know (for the administrator to correct or map).
 */
public record DepartmentMapping(Map<String, String> codesByName, List<String> unknownNames) {

    public DepartmentMapping {
        codesByName = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(codesByName));
        unknownNames = List.copyOf(unknownNames);
    }

    public List<String> codes() {
        return codesByName.values().stream().distinct().toList();
    }

    public boolean complete() {
        return unknownNames.isEmpty();
    }
}
