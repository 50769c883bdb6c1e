package dev.seva.web;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

/** An operator API and a public page, as the services have them. */
@Path("/")
public class TestAdminResource {

    @GET
    @Path("admin/services")
    @RolesAllowed("catalogue-admin")
    public String services() {
        return "[]";
    }

    @POST
    @Path("admin/services/rev-income")
    @RolesAllowed("catalogue-admin")
    public String change(String body) {
        return "{}";
    }

    @GET
    @Path("verify/abc")
    @PermitAll
    public String verify() {
        return "valid";
    }
}
