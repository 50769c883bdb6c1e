package dev.seva.vault.api;

import dev.seva.vault.domain.Client;
import dev.seva.vault.domain.Right;
import dev.seva.vault.service.AadhaarVault;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Aadhaar numbers: tokenize, bind to a citizen, reveal (audited). */
@Path("/v1/aadhaar")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AadhaarApi {

    public record TokenizeRequest(String number, String citizenRef) {
    }

    public record TokenAnswer(String token, String masked) {
    }

    public record BindRequest(String citizenRef) {
    }

    public record RevealRequest(String purpose, String actor) {
    }

    public record NumberAnswer(String number) {
    }

    @Inject
    CurrentClient current;

    @Inject
    AadhaarVault vault;

    /**
     * 201 with the token and masked form. With {@code citizenRef} (which needs the right {@code bind} too)
     * the token is bound to the citizen, and a number the citizen already has answers its existing token.
     */
    @POST
    public Uni<Response> tokenize(TokenizeRequest request) {
        current.require(Right.TOKENIZE);
        if (request != null && request.citizenRef() != null) {
            // Tokenizing for a named citizen would otherwise tell a tokenize-only client which number that
            // citizen has (the same token comes back): binding is the right that may know.
            current.require(Right.BIND);
        }
        return vault.tokenize(request == null ? null : request.number(), request == null ? null : request.citizenRef())
                .map(t -> Response.status(201).entity(new TokenAnswer(t.token(), t.masked())).build());
    }

    /** 204; 404 unknown token, 409 bound to another citizen, 410 the citizen was erased. */
    @POST
    @Path("/{token}/binding")
    public Uni<Response> bind(@PathParam("token") String token, BindRequest request) {
        current.require(Right.BIND);
        return vault.bind(token, request == null ? null : request.citizenRef()).map(ignored -> Response.noContent().build());
    }

    /** 200 with the clear number; purpose and actor required; audited. */
    @POST
    @Path("/{token}/reveal")
    public Uni<NumberAnswer> reveal(@PathParam("token") String token, RevealRequest request) {
        Client client = current.require(Right.REVEAL);
        return vault.reveal(client, token, request == null ? null : request.purpose(), request == null ? null : request.actor())
                .map(NumberAnswer::new);
    }
}
