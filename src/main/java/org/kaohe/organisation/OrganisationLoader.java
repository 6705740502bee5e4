package org.kaohe.organisation;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.DateTimeException;
import java.time.MonthDay;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;

/** Reads and validates one organisation file; any problem becomes an {@link OrganisationException}. */
final class OrganisationLoader {

  private static final Pattern MONTH_DAY = Pattern.compile("(\\d{2})-(\\d{2})");

  private final ObjectMapper yaml =
      YAMLMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
          .addModule(new SimpleModule().addDeserializer(MonthDay.class, new MonthDayDeserializer()))
          .build();

  Organisation load(Resource resource, String file, String expectedCode) {
    if (!OrganisationValidator.CODE.matcher(expectedCode).matches()) {
      throw new OrganisationException(
          file, List.of("kaohe.organisation.code '" + expectedCode + "' 不是有效的组织代码（小写字母、数字和连字符）"));
    }
    if (!resource.exists()) {
      throw new OrganisationException(file, List.of("文件不存在（" + resource.getDescription() + "）"));
    }
    Organisation organisation;
    try (InputStream in = resource.getInputStream()) {
      organisation = yaml.readValue(in, Organisation.class);
    } catch (JsonMappingException e) {
      throw new OrganisationException(file, List.of(describe(e)), e);
    } catch (JsonProcessingException e) {
      throw new OrganisationException(file, List.of(syntax(e)), e);
    } catch (IOException e) {
      throw new OrganisationException(file, List.of("无法读取：" + e.getMessage()), e);
    }
    if (organisation == null) {
      throw new OrganisationException(file, List.of("文件是空的"));
    }
    List<String> problems = new OrganisationValidator(organisation, expectedCode).problems();
    if (!problems.isEmpty()) {
      throw new OrganisationException(file, problems);
    }
    return organisation;
  }

  private static String describe(JsonMappingException e) {
    if (e.getCause() instanceof StreamReadException syntax) {
      return syntax(syntax);
    }
    String field = path(e);
    // Records are built from buffered properties, so Jackson's location may point past the field; the
    // path names it exactly, and syntax errors above keep their line number.
    if (e instanceof UnrecognizedPropertyException unknown) {
      return "字段 " + field + "：未知字段 '" + unknown.getPropertyName() + "'，可用字段："
          + unknown.getKnownPropertyIds();
    }
    if (e instanceof InvalidFormatException invalid) {
      return "字段 " + field + "：值 '" + invalid.getValue() + "' 无效（应为 "
          + typeName(invalid.getTargetType()) + "）";
    }
    if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
        && mismatch.getTargetType().isPrimitive()) {
      return "字段 " + field + "：缺少或为空（应为 " + typeName(mismatch.getTargetType()) + "）";
    }
    return "字段 " + field + "：" + e.getOriginalMessage();
  }

  private static String syntax(JsonProcessingException e) {
    String detail = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().strip().lines()
        .filter(line -> !line.isBlank()).reduce((a, b) -> a + " " + b.strip()).orElse("");
    return at(e.getLocation()) + "不是有效的 YAML：" + detail;
  }

  private static String typeName(Class<?> type) {
    if (type == UnitKind.class) {
      return "city、department 或 affiliated-unit";
    }
    if (type == int.class || type == Integer.class) {
      return "整数";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true 或 false";
    }
    return type.getSimpleName();
  }

  static String path(JsonMappingException e) {
    return org.kaohe.support.JsonVariables.path(e);
  }

  private static String at(JsonLocation location) {
    return location == null || location.getLineNr() < 0 ? "" : "第 " + location.getLineNr() + " 行，";
  }

  /** Deadlines are written as the notices write them, month-day "12-31", without a year. */
  private static final class MonthDayDeserializer extends JsonDeserializer<MonthDay> {
    @Override
    public MonthDay deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      String text = parser.getValueAsString();
      var matcher = text == null ? null : MONTH_DAY.matcher(text.trim());
      if (matcher == null || !matcher.matches()) {
        throw JsonMappingException.from(parser, "'" + text + "' 不是 MM-DD 格式的日期（例如 \"12-31\"，须加引号）");
      }
      try {
        return MonthDay.of(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
      } catch (DateTimeException ex) {
        throw JsonMappingException.from(parser, "'" + text + "' 不是有效的月-日日期");
      }
    }
  }
}
