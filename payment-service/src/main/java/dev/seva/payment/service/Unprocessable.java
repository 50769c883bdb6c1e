package dev.seva.payment.service;

import dev.seva.consumer.UnprocessableRecord;

/** A record no retry can make succeed (an order this service never heard of): dead-lettered at once, with this reason. */
public class Unprocessable extends UnprocessableRecord {
    public Unprocessable(String reason) {
        super(reason);
    }
}
