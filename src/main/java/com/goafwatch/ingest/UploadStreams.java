package com.goafwatch.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import com.goafwatch.system.ApiException;
import com.goafwatch.system.LimitedInputStream;
import com.goafwatch.system.BoundedLineReader;

/** The body of a file upload: size-limited, gunzipped when it starts with gzip's magic bytes; and its read failures as problems. */
final class UploadStreams {

    private UploadStreams() {
    }

    static InputStream decompressed(InputStream body, IngestProperties rules) {
        try {
            InputStream limited = new LimitedInputStream(body, rules.maxTraceSize().toBytes(), "goafwatch.ingest.max-trace-size");
            BufferedInputStream in = new BufferedInputStream(limited, 1 << 16);
            in.mark(2);
            int b1 = in.read();
            int b2 = in.read();
            in.reset();
            if (b1 == 0x1f && b2 == 0x8b) {
                // a decompression bomb is cut off at the uncompressed limit; its lines at max-line-length
                return new LimitedInputStream(new GZIPInputStream(in, 1 << 16), rules.maxUncompressedSize().toBytes(),
                        "goafwatch.ingest.max-uncompressed-size");
            }
            return in;
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    static ApiException unreadable(Throwable e) {
        if (e instanceof LimitedInputStream.LimitExceeded limit) {
            return limit.problem();
        }
        if (e instanceof BoundedLineReader.LineTooLong tooLong) {
            return tooLong.problem();
        }
        String reason = e instanceof ZipException ? "the gzip stream is corrupt: " + e.getMessage()
                : e instanceof java.nio.charset.CharacterCodingException ? "the upload is not valid UTF-8 text"
                : "the upload could not be read: " + e.getMessage();
        return ApiException.badRequest("unreadable-body", reason);
    }
}
