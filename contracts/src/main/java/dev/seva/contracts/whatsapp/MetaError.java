package dev.seva.contracts.whatsapp;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An error object as Meta attaches it to webhooks (code, title, message, error_data.details). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MetaError(Integer code, String title, String message, String details, String href) {
}
