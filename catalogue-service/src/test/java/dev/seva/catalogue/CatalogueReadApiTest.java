package dev.seva.catalogue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

/** Search and browse as conversation-service and citizens use them. */
@QuarkusTest
@QuarkusTestResource(CatalogueTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class CatalogueReadApiTest {

    @Test
    void searchFindsTheIncomeCertificateFromATeluguQueryAndAnswersInTelugu() {
        given().queryParam("q", "ఆదాయ ధృవీకరణ పత్రం").queryParam("lang", "te").queryParam("limit", 3)
                .when().get("/services/search")
                .then().statusCode(200)
                .body("lang", equalTo("te"))
                .body("results[0].id", equalTo("rev-income-certificate"))
                .body("results[0].name", startsWith("ఆదాయ ధృవీకరణ పత్రం"))
                .body("results", hasSize(lessThanOrEqualTo(3)));
    }

    @Test
    void searchRefusesAMissingQueryAnUnknownLanguageAndAnOddLimit() {
        given().when().get("/services/search").then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("errors[0].field", equalTo("q"));
        given().queryParam("q", "bus pass").queryParam("lang", "fr").when().get("/services/search").then().statusCode(400)
                .body("errors[0].field", equalTo("lang"));
        given().queryParam("q", "bus pass").queryParam("limit", 0).when().get("/services/search").then().statusCode(400);
        given().queryParam("q", "bus pass").queryParam("limit", "many").when().get("/services/search").then().statusCode(400)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void departmentsComeInPagesThatFitAWhatsAppList() {
        given().queryParam("lang", "hi").queryParam("size", 10)
                .when().get("/departments")
                .then().statusCode(200)
                .body("items", hasSize(10)).body("total", greaterThanOrEqualTo(12)).body("pages", equalTo(2))
                .body("items[0].id", equalTo("revenue")).body("items[0].name", equalTo("राजस्व"));
        given().queryParam("page", 2).when().get("/departments").then().statusCode(200).body("page", equalTo(2));
        given().queryParam("size", 11).when().get("/departments").then().statusCode(400);
    }

    @Test
    void aDepartmentsServicesArePaged() {
        given().queryParam("size", 9).when().get("/departments/revenue/services")
                .then().statusCode(200).body("items", hasSize(9)).body("items.departmentId", everyItem(equalTo("revenue")))
                .body("items.shortName", everyItem(notNullValue()));
        given().when().get("/departments/nowhere/services").then().statusCode(404)
                .body("type", equalTo("https://seva.dev/problems/department-not-found"));
    }

    @Test
    void aServiceDefinitionCarriesItsFieldsAndPrompts() {
        given().when().get("/services/rev-income-certificate").then().statusCode(200)
                .body("id", equalTo("rev-income-certificate")).body("departmentId", equalTo("revenue"))
                .body("fields.size()", greaterThanOrEqualTo(1)).body("fields[0].prompts.te", notNullValue());
        given().when().get("/services/no-such-service").then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void popularServicesAreListed() {
        given().queryParam("lang", "en").when().get("/services/popular").then().statusCode(200)
                .body("size()", greaterThanOrEqualTo(5)).body("popular", everyItem(equalTo(true)));
    }
}
