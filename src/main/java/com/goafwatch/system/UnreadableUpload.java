package com.goafwatch.system;

/** The problem for an upload that could not be read: its size or line limit (each names its setting), bad UTF-8, or I/O. */
public final class UnreadableUpload {

    private UnreadableUpload() {
    }

    public static ApiException problem(Throwable e) {
        if (e instanceof LimitedInputStream.LimitExceeded limit) {
            return limit.problem();
        }
        if (e instanceof BoundedLineReader.LineTooLong tooLong) {
            return tooLong.problem();
        }
        return ApiException.badRequest("unreadable-body", e instanceof java.nio.charset.CharacterCodingException
                ? "the file is not valid UTF-8 (or ASCII) text" : "the file could not be read: " + e.getMessage());
    }
}
