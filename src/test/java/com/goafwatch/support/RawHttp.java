package com.goafwatch.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 written by hand on a socket, for what an HTTP client library will not send: a forged {@code Host} header,
 * request lines and headers larger than the server accepts.
 */
public final class RawHttp {

    /** The status code, the head (status line and headers) and the body of one response. */
    public record Reply(int status, String head, String body) {

        public String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    private RawHttp() {
    }

    /** GET {@code target} with the given header lines ("Name: value"); the connection closes after the response. */
    public static Reply get(int port, String target, String... headerLines) throws IOException {
        return request(port, "GET", target, headerLines);
    }

    /** {@code method} (TRACE too, which HTTP clients will not send) on {@code target}, as {@link #get}. */
    public static Reply request(int port, String method, String target, String... headerLines) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(60_000);
            StringBuilder request = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
            boolean host = false;
            for (String h : headerLines) {
                host |= h.regionMatches(true, 0, "Host:", 0, 5);
                request.append(h).append("\r\n");
            }
            if (!host) {
                request.append("Host: 127.0.0.1:").append(port).append("\r\n");
            }
            request.append("Connection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int split = response.indexOf("\r\n\r\n");
            String head = split < 0 ? response : response.substring(0, split);
            String body = split < 0 ? "" : response.substring(split + 4);
            if (head.contains("Transfer-Encoding: chunked")) {
                body = unchunk(body);
            }
            return new Reply(Integer.parseInt(head.split(" ", 3)[1]), head, body);
        }
    }

    private static String unchunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int eol = chunked.indexOf("\r\n", at);
            if (eol < 0) {
                break;
            }
            int size = Integer.parseInt(chunked.substring(at, eol).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            out.append(chunked, eol + 2, Math.min(chunked.length(), eol + 2 + size));
            at = eol + 2 + size + 2;
        }
        return out.toString();
    }

    /** An HTTP Basic header line for the test admin. */
    public static String adminAuthorization() {
        return "Authorization: Basic " + java.util.Base64.getEncoder().encodeToString((TestUsers.ADMIN + ":" + TestUsers.ADMIN_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
    }
}
