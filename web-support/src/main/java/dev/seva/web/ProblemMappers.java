package dev.seva.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Framework errors as problem bodies, so every non-2xx answer of every service has the same shape. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (e.getResponse() != null && Problem.MEDIA_TYPE.equals(String.valueOf(e.getResponse().getMediaType()))) {
            return e.getResponse();
        }
        String title = Response.Status.fromStatusCode(status) == null ? "Error" : Response.Status.fromStatusCode(status).getReasonPhrase();
        return Problem.response(status, title.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'), title,
                status == 400 ? "The request is not valid." : title + ".");
    }

    /** A request body that is not the JSON expected; says where, not what (it may carry personal data). */
    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        var at = e.getLocation();
        return Problem.response(400, "not-json", "Body is not the JSON expected",
                "The request body could not be read" + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")") + ".");
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(RuntimeException e) {
        LOG.error("Unexpected failure answering a request", e);
        return Problem.response(500, "internal-error", "Internal error", "Something went wrong on our side; it has been logged.");
    }
}
