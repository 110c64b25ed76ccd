package com.goafwatch.cql2;

/** A filter that is not CQL2 text, with the 1-based character position where reading stopped. */
public class Cql2SyntaxException extends RuntimeException {

    private final int position;

    public Cql2SyntaxException(String message, int position) {
        super(message + " at position " + position);
        this.position = position;
    }

    public int position() {
        return position;
    }
}
