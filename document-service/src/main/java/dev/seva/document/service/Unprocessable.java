package dev.seva.document.service;

import dev.seva.consumer.UnprocessableRecord;

/** A record that can never be processed (it breaks its contract, or its data cannot make a document): dead-lettered at once, with this reason. */
public class Unprocessable extends UnprocessableRecord {
    public Unprocessable(String reason) {
        super(reason);
    }
}
