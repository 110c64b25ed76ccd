package com.goafwatch.system;

import java.io.IOException;
import java.io.InputStream;

import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Reads a raw request body with a hard size cap. Servlet containers only cap multipart and form
 * posts, so a raw GeoJSON or CSV upload needs its own limit: announced lengths are refused before
 * reading, chunked bodies are refused as soon as they cross the cap.
 */
public final class RequestBodies {

    private RequestBodies() {
    }

    public static byte[] readLimited(HttpServletRequest request, DataSize limit) {
        long max = limit.toBytes();
        long announced = request.getContentLengthLong();
        if (announced > max) {
            throw tooLarge(max, announced);
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (body.length > max) {
                throw tooLarge(max, -1);
            }
            return body;
        } catch (IOException e) {
            throw ApiException.badRequest("unreadable-body", "request body could not be read: " + e.getMessage());
        }
    }

    private static ApiException tooLarge(long max, long announced) {
        String size = announced > 0 ? announced + " bytes" : "the body";
        return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large",
                size + " exceeds the upload limit of " + max + " bytes (goafwatch.limits.max-upload-size)")
                .with("limitBytes", max);
    }
}
