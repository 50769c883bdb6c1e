package dev.seva.vault.api;

import dev.seva.vault.domain.Client;
import dev.seva.vault.domain.Right;
import dev.seva.vault.service.CitizenKeys;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Citizens' data keys (crypto-shredding) and their erasure. */
@Path("/v1/citizens/{citizenRef}")
@Produces(MediaType.APPLICATION_JSON)
public class CitizensApi {

    @Inject
    CurrentClient current;

    @Inject
    CitizenKeys keys;

    /** 200 {keyId, key (base64 of 32 bytes)}, made on first request; audited; 410 once the citizen is erased. */
    @POST
    @Path("/key")
    public Uni<CitizenKeys.ServedKey> key(@PathParam("citizenRef") String citizenRef) {
        Client client = current.require(Right.KEYS);
        return keys.key(client, citizenRef);
    }

    /** 204, also when already erased: the key, the citizen's Aadhaar records go; a tombstone stays. */
    @DELETE
    public Uni<Response> erase(@PathParam("citizenRef") String citizenRef) {
        Client client = current.require(Right.ERASE);
        return keys.erase(client, citizenRef).map(ignored -> Response.noContent().build());
    }
}
