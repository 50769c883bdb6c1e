package dev.seva.desk.service;

/** The officer does not work for the department that owns what they asked for (answered 403). */
public class AccessDenied extends RuntimeException {

    public AccessDenied(String message) {
        super(message, null, false, false);
    }
}
