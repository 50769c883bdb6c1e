package dev.seva.gateway.webhook;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/** What a change tells about all its messages and statuses: the account, the business number, the contacts. */
record ChangeContext(String accountId, String phoneNumberId, String displayPhoneNumber, JsonNode contacts, Instant receivedAt) {
}
