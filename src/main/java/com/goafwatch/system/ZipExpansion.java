package com.goafwatch.system;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.springframework.http.HttpStatus;

/**
 * Measures what a zip (an XLSX workbook, a zipped shapefile) really expands to, by inflating it into nothing, before a
 * library unpacks it into memory or onto disk: a zip bomb is refused (413) after reading at most the limit, whatever
 * sizes its headers claim.
 */
public final class ZipExpansion {

    private ZipExpansion() {
    }

    /** @throws ApiException 413 when the entries together expand past {@code maxBytes}, 400 when it is no zip */
    public static void requireAtMost(byte[] zip, long maxBytes, String setting) {
        long total = 0;
        byte[] sink = new byte[1 << 16];
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null;) {
                for (int n; (n = in.read(sink)) > 0;) {
                    total += n;
                    if (total > maxBytes) {
                        throw tooLarge(maxBytes, setting, entry.getName());
                    }
                }
            }
        } catch (IOException e) {
            throw ApiException.badRequest("unreadable-file", "the upload is not a readable zip archive: " + e.getMessage());
        }
    }

    public static ApiException tooLarge(long maxBytes, String setting, String entry) {
        return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large",
                "the archive expands to more than " + maxBytes + " bytes (at entry '" + entry + "'; " + setting + "); nothing was stored")
                .with("limitBytes", maxBytes);
    }
}
