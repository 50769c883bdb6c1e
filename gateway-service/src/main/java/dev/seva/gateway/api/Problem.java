package dev.seva.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;

/** An RFC 9457 problem body ({@code application/problem+json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Response response(int status, String reason, String title, String detail, String instance) {
        return Response.status(status)
                .type(MEDIA_TYPE)
                .entity(new Problem("https://seva.dev/problems/" + reason.replace('_', '-'), title, status, detail, instance))
                .build();
    }
}
