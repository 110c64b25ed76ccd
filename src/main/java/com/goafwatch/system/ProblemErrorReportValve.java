package com.goafwatch.system;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Tomcat's own error answers (a request line or headers over the limit, a malformed request: refused before any
 * servlet runs) as RFC 9457 problems instead of Tomcat's HTML page. Errors the application answers itself are left
 * alone: this only writes when nothing was written yet.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String detail = switch (status) {
            case 400 -> "the request could not be read: its request line or headers are malformed or larger than the server "
                    + "accepts (server.max-http-request-header-size)";
            case 414 -> "the request URL is longer than the server accepts";
            case 431 -> "the request headers are larger than the server accepts (server.max-http-request-header-size)";
            default -> "the server refused the request";
        };
        String json = "{\"type\":\"" + ApiException.TYPE_BASE + "http-" + status + "\",\"title\":\"Bad request\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\"}";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(json);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the connection is gone; nothing more to say
        }
        response.getCoyoteResponse().action(ActionCode.CLOSE, null);
    }
}
