package com.goafwatch.system;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.springframework.http.HttpStatus;

/** Fails with a 413 problem once more than {@code limit} bytes were read: caps streamed uploads without buffering them. */
public final class LimitedInputStream extends FilterInputStream {

    /** Thrown (as an IOException, so streams pass it through) when the limit is crossed. */
    public static final class LimitExceeded extends IOException {

        private final long limit;
        private final String setting;

        LimitExceeded(long limit, String setting) {
            super("more than " + limit + " bytes");
            this.limit = limit;
            this.setting = setting;
        }

        public ApiException problem() {
            return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large",
                    "the upload exceeds the limit of " + limit + " bytes (" + setting + "); nothing was stored")
                    .with("limitBytes", limit);
        }
    }

    private final long limit;
    private final String setting;
    private long count;

    public LimitedInputStream(InputStream in, long limit, String setting) {
        super(in);
        this.limit = limit;
        this.setting = setting;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(long n) throws LimitExceeded {
        count += n;
        if (count > limit) {
            throw new LimitExceeded(limit, setting);
        }
    }
}
