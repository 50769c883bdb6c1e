package dev.seva.desk.service;

/** No application (or thread) with that reference in this desk (answered 404). */
public class NotFound extends RuntimeException {

    public NotFound(String message) {
        super(message, null, false, false);
    }
}
