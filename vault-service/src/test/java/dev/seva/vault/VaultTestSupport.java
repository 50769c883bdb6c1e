package dev.seva.vault;

import dev.seva.devstack.Devstack;
import dev.seva.privacy.aadhaar.Verhoeff;
import io.restassured.specification.RequestSpecification;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;

/** What the vault's tests share: the test profile's clients (application.properties), fresh numbers and citizens, the database. */
final class VaultTestSupport {

    static final String GATEWAY = "seva-dev-vault-gateway";
    static final String CONVERSATION = "seva-dev-vault-conversation";
    static final String DESK = "seva-dev-vault-desk";
    /** auditor-test: reveal and tokenize, the only client that may reveal. */
    static final String AUDITOR = "seva-test-vault-reveal-secret";

    private VaultTestSupport() {
    }

    /** A random valid Aadhaar number (first digit 2-9, Verhoeff check digit). */
    static String aadhaar() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder digits = new StringBuilder().append(2 + random.nextInt(8));
        for (int i = 0; i < 10; i++) {
            digits.append(random.nextInt(10));
        }
        return digits.append(Verhoeff.checkDigit(digits.toString())).toString();
    }

    /** The same number with its check digit wrong. */
    static String withWrongCheckDigit(String digits) {
        char last = digits.charAt(11);
        return digits.substring(0, 11) + (char) ('0' + (last - '0' + 1) % 10);
    }

    static String citizen() {
        return "cit_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    static RequestSpecification as(String secret) {
        return given().header("Authorization", "Bearer " + secret).contentType("application/json");
    }

    static String tokenize(String secret, String number, String citizenRef) {
        String body = citizenRef == null ? "{\"number\":\"" + number + "\"}"
                : "{\"number\":\"" + number + "\",\"citizenRef\":\"" + citizenRef + "\"}";
        return as(secret).body(body).post("/v1/aadhaar").then().statusCode(201).extract().path("token");
    }

    static Connection database(Devstack devstack) throws SQLException {
        var pg = devstack.postgres();
        return DriverManager.getConnection(pg.jdbcUrl("vault"), pg.user(), pg.password());
    }
}
