package org.kaohe.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps the file name of a downloaded file variable ({@code …/variables/<name>/data}). Camunda answers with
 * {@code Content-Disposition: attachment; filename="广州市团委2026年度考核结果反馈函.docx"; filename*=UTF-8''…}; Tomcat
 * removes a header whose value has characters beyond ISO-8859-1, so the browser saved every letter, workbook and
 * evidence as "data" without extension. The quoted {@code filename} gets an ASCII stand-in (other characters become
 * {@code _}) and {@code filename*} (RFC 6266/5987), which browsers prefer, carries the real name.
 */
final class ContentDispositionFilter extends OncePerRequestFilter {

  static final String HEADER = "Content-Disposition";
  private static final Pattern QUOTED_FILENAME = Pattern.compile("(?i)(?<![*\\w])filename=\"((?:[^\"\\\\]|\\\\.)*)\"");

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    chain.doFilter(request, new HttpServletResponseWrapper(response) {
      @Override
      public void setHeader(String name, String value) {
        super.setHeader(name, safe(name, value));
      }

      @Override
      public void addHeader(String name, String value) {
        super.addHeader(name, safe(name, value));
      }
    });
  }

  /** The header as Tomcat sends it: ASCII only, the real name in {@code filename*}. Other headers unchanged. */
  static String safe(String name, String value) {
    if (value == null || !HEADER.equalsIgnoreCase(name) || ascii(value)) {
      return value;
    }
    Matcher quoted = QUOTED_FILENAME.matcher(value);
    String realName = quoted.find() ? quoted.group(1) : null;
    String result = value;
    if (realName != null) {
      String standIn = realName.replaceAll("[^\\x20-\\x7E]", "_");
      result = value.substring(0, quoted.start(1)) + standIn + value.substring(quoted.end(1));
      if (!result.toLowerCase(Locale.ROOT).contains("filename*=")) {
        result = result + "; filename*=UTF-8''" + URLEncoder.encode(realName, StandardCharsets.UTF_8).replace("+", "%20");
      }
    }
    // Anything else beyond ASCII would still make Tomcat drop the whole header.
    return result.replaceAll("[^\\x20-\\x7E]", "_");
  }

  private static boolean ascii(String value) {
    return value.chars().allMatch(c -> c >= 0x20 && c < 0x7F);
  }
}
