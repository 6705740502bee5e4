package org.kaohe.document;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.List;
import org.kaohe.organisation.Organisation;
import org.kaohe.round.Notice;

/** A round's notice with the catalogue, limits and name of an organisation file in src/main/resources. */
final class PackageNotices {

  private static final ObjectMapper YAML = YAMLMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private PackageNotices() {}

  static Notice of(String organisation) {
    try (InputStream in = PackageNotices.class.getResourceAsStream("/organisations/" + organisation + ".yaml")) {
      JsonNode root = YAML.readTree(in);
      Organisation.Catalogue catalogue = YAML.treeToValue(root.path("catalogue"), Organisation.Catalogue.class);
      Organisation.Limits limits = YAML.treeToValue(root.path("limits"), Organisation.Limits.class);
      return new Notice(organisation, root.path("name").asText(), "office", catalogue.year(), "通知", "正文",
          LocalDate.of(catalogue.year(), 12, 31), null, List.of(), List.of(), catalogue, limits, "", null, null);
    } catch (Exception e) {
      throw new IllegalStateException(organisation, e);
    }
  }
}
