package dev.seva.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * An RFC 9457 problem body ({@code application/problem+json}). {@code errors} lists field-level
 * problems of a rejected request body. A problem never echoes secrets, signatures or what a citizen wrote.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldProblem> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_PREFIX = "https://seva.dev/problems/";

    /** One field of a request that is wrong. */
    public record FieldProblem(String field, String message) {
    }

    public static Response response(int status, String type, String title, String detail) {
        return response(status, type, title, detail, null);
    }

    public static Response response(int status, String type, String title, String detail, List<FieldProblem> errors) {
        return Response.status(status)
                .type(MEDIA_TYPE)
                .entity(new Problem(TYPE_PREFIX + type.replace('_', '-'), title, status, detail, null, errors))
                .build();
    }
}
