package dev.seva.simulator.standin;

/** Ends the handling of a Graph API request with Meta's error answer. */
final class GraphException extends RuntimeException {

    private final transient GraphError error;

    GraphException(GraphError error) {
        super(error.code() + " " + error.title(), null, false, false);
        this.error = error;
    }

    GraphError error() {
        return error;
    }
}
