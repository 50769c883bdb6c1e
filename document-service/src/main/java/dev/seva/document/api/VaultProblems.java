package dev.seva.document.api;

import dev.seva.privacy.vault.VaultClient;
import dev.seva.web.Problem;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * vault-service did not give a citizen's key (it is down, or refuses this service: its secret or rights are
 * wrong). A stored PDF is sealed with that key ({@code StoredPdfs}), so neither the download nor the
 * verification page's integrity check can be done: the caller is told to try again (503, Retry-After),
 * never that the document is gone or tampered. notification-service retries a 503. Nothing was changed.
 */
public class VaultProblems {

    private static final Logger LOG = Logger.getLogger(VaultProblems.class);

    @ServerExceptionMapper
    public Response vaultUnavailable(VaultClient.VaultUnavailable e, HttpHeaders headers) {
        LOG.warnf("A stored document needed its citizen's key and vault-service did not answer: %s", e.getMessage());
        return unavailable(headers);
    }

    @ServerExceptionMapper
    public Response vaultRefused(VaultClient.VaultRefused e, HttpHeaders headers) {
        // CitizenKeys has logged it as a configuration error.
        return unavailable(headers);
    }

    private static Response unavailable(HttpHeaders headers) {
        boolean html = headers.getAcceptableMediaTypes().stream().anyMatch(m -> m.isCompatible(MediaType.TEXT_HTML_TYPE) && !m.isWildcardType());
        Response response = html
                ? Response.status(503).type(MediaType.TEXT_HTML + ";charset=utf-8").entity(VerificationPage.unavailable())
                        .header("X-Robots-Tag", "noindex, nofollow").header("Cache-Control", "no-store").build()
                : Problem.response(503, "vault-unavailable", "Document temporarily unavailable",
                        "The stored document cannot be opened right now (the key vault is not answering). Try again in a minute.");
        return Response.fromResponse(response).header(HttpHeaders.RETRY_AFTER, "30").build();
    }
}
