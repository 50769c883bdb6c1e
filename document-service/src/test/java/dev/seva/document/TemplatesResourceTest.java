package dev.seva.document;

import dev.seva.devstack.DevstackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** {@code GET /templates/{type}}: what an approval of a document type must carry (the desk prefills its form from it). */
@QuarkusTest
@QuarkusTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "document"))
@QuarkusTestResource(VaultStandIn.class)
class TemplatesResourceTest {

    @Test
    void aTemplatesRequiredDataAndPrintedFieldsAreServed() {
        given().get("/templates/bus_pass").then().statusCode(200)
                .body("type", equalTo("bus_pass"))
                .body("required", contains("applicantName", "fromPlace", "toPlace"))
                .body("fields.key", hasItem("passNumber"))
                .body("fields.find { it.key == 'fromPlace' }.label.te", equalTo("నుండి"));
    }

    @Test
    void anUnknownOrMalformedTypeIsAProblem404() {
        // Tried: a type with no template, and one that is not a type name at all.
        given().get("/templates/no_such_document").then().statusCode(404).contentType("application/problem+json");
        given().get("/templates/..%2Fcatalogue").then().statusCode(404);
    }
}
