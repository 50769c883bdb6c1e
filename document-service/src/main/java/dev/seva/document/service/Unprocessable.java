package dev.seva.document.service;

/** A record that can never be processed (it breaks its contract, or its data cannot make a document): dead-lettered. */
public class Unprocessable extends RuntimeException {
    public Unprocessable(String reason) {
        super(reason, null, false, false);
    }
}
