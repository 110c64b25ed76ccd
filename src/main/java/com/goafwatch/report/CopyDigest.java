package com.goafwatch.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

import com.goafwatch.system.ApiException;
import com.goafwatch.system.LimitedInputStream;

import jakarta.servlet.http.HttpServletRequest;

/** The SHA-256 and size of an uploaded report copy, read as a stream up to a limit (413 beyond), never held whole. */
record CopyDigest(String sha256, long size) {

    static CopyDigest of(HttpServletRequest request, DataSize limit) {
        long max = limit.toBytes();
        if (request.getContentLengthLong() > max) {
            throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large",
                    request.getContentLengthLong() + " bytes exceed the limit of " + max + " bytes (goafwatch.limits.max-report-size)")
                    .with("limitBytes", max);
        }
        try (InputStream in = new DigestInputStream(new LimitedInputStream(request.getInputStream(), max,
                "goafwatch.limits.max-report-size"), MessageDigest.getInstance("SHA-256"))) {
            long size = in.transferTo(OutputStream.nullOutputStream());
            return new CopyDigest(HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest()), size);
        } catch (LimitedInputStream.LimitExceeded e) {
            throw e.problem();
        } catch (IOException e) {
            throw ApiException.badRequest("unreadable-body", "request body could not be read: " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
