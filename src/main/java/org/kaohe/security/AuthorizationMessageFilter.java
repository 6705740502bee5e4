package org.kaohe.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Replaces the engine's answer to a refused request (403) by one Chinese sentence. Camunda's message names the
 * resources it checked ("… 'READ' permission on resource '&lt;process instance id&gt;' of type 'ProcessInstance'"):
 * a city asking for another city's execution or correlating a message learnt that city's process instance id from
 * the refusal. The user needs to know only that the action is not theirs; Tasklist shows the message as it is.
 */
final class AuthorizationMessageFilter extends OncePerRequestFilter {

  static final String MESSAGE = "您没有权限查看或办理该事项";

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    RefusalResponse refusal = new RefusalResponse(response);
    chain.doFilter(request, refusal);
    if (refusal.swallowed && !response.isCommitted()) {
      // Jersey set the length of its own message before the status; the new body says its own.
      byte[] body = ("{\"type\":\"AuthorizationException\",\"message\":\"" + MESSAGE + "\"}")
          .getBytes(StandardCharsets.UTF_8);
      response.resetBuffer();
      response.setStatus(HttpServletResponse.SC_FORBIDDEN);
      response.setContentType("application/json;charset=UTF-8");
      response.setContentLength(body.length);
      response.getOutputStream().write(body);
    }
  }

  /** Lets every answer through except the body of a 403, which it drops. */
  private static final class RefusalResponse extends HttpServletResponseWrapper {

    private boolean swallowed;

    RefusalResponse(HttpServletResponse response) {
      super(response);
    }

    private boolean refused() {
      return getStatus() == HttpServletResponse.SC_FORBIDDEN;
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
      if (!refused()) {
        return super.getOutputStream();
      }
      swallowed = true;
      return new ServletOutputStream() {
        @Override
        public void write(int b) {
          // the engine's message is replaced
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
          throw new UnsupportedOperationException("synchronous writes only");
        }
      };
    }

    @Override
    public PrintWriter getWriter() throws IOException {
      if (!refused()) {
        return super.getWriter();
      }
      swallowed = true;
      return new PrintWriter(Writer.nullWriter());
    }

    @Override
    public void setContentLength(int length) {
      if (!refused()) {
        super.setContentLength(length);
      }
    }

    @Override
    public void setContentLengthLong(long length) {
      if (!refused()) {
        super.setContentLengthLong(length);
      }
    }

    @Override
    public void setHeader(String name, String value) {
      if (!(refused() && "Content-Length".equalsIgnoreCase(name))) {
        super.setHeader(name, value);
      }
    }

    @Override
    public void addHeader(String name, String value) {
      if (!(refused() && "Content-Length".equalsIgnoreCase(name))) {
        super.addHeader(name, value);
      }
    }

    @Override
    public void flushBuffer() throws IOException {
      if (!refused()) {
        super.flushBuffer();
      }
    }
  }
}
