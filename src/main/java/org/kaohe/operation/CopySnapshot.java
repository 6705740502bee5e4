package org.kaohe.operation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The content of a copy, fixed when it is made: the source task's name, unit and round, who copied it with which
 * comment, and the business content (a unit's package with the notice's areas to name its rows, or the round's
 * results). Only what the read-only form shows is kept; the notice's body, the contacts and the like stay behind.
 */
final class CopySnapshot {

  static final String KIND_PACKAGE = "package";
  static final String KIND_RESULTS = "results";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private CopySnapshot() {}

  record Source(String taskId, String taskName, String processInstanceId, String unitName, String roundTitle) {}

  static ObjectNode of(Source source, String copiedBy, String copiedByName, OffsetDateTime at, String comment,
      List<String> recipientNames) {
    ObjectNode copy = MAPPER.createObjectNode();
    copy.put("sourceTaskId", source.taskId());
    copy.put("sourceTaskName", source.taskName());
    copy.put("sourceProcessInstanceId", source.processInstanceId());
    copy.put("unitName", source.unitName());
    copy.put("roundTitle", source.roundTitle());
    copy.put("copiedBy", copiedBy);
    copy.put("copiedByName", copiedByName);
    copy.put("copiedAt", at.toString());
    copy.put("comment", comment == null ? "" : comment);
    ArrayNode names = copy.putArray("recipientNames");
    recipientNames.forEach(names::add);
    return copy;
  }

  /** A unit's package: the package as it stands, and the notice's year and areas (code, name) for its rows. */
  static void withPackage(ObjectNode copy, String unitKind, JsonNode notice, JsonNode pkg) {
    copy.put("kind", KIND_PACKAGE);
    copy.put("unitKind", unitKind);
    ObjectNode n = copy.putObject("notice");
    if (notice != null) {
      n.set("title", notice.path("title"));
      n.set("year", notice.path("year"));
      ArrayNode areas = n.putArray("areas");
      for (JsonNode area : notice.path("catalogue").path("areas")) {
        areas.addObject().put("code", area.path("code").asText()).put("name", area.path("name").asText());
      }
    }
    copy.set("package", pkg == null ? MAPPER.createObjectNode() : pkg.deepCopy());
  }

  /** The round's results, one row per unit as the office and the secretaries' meeting see them. */
  static void withResults(ObjectNode copy, JsonNode results) {
    copy.put("kind", KIND_RESULTS);
    ArrayNode rows = copy.putArray("results");
    for (JsonNode row : results.path("rows")) {
      rows.addObject()
          .put("unitName", row.path("unitName").asText())
          .put("total", row.path("total").asText())
          .put("gradeName", row.path("gradeName").asText())
          .put("rank", row.path("rank").asInt())
          .put("notes", row.path("notes").asText());
    }
  }
}
