package dev.seva.document.domain;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Who may revoke, and which reasons are accepted: pure domain, no Quarkus. */
class RevocationRulesTest {

    @Test
    void onlyTheIssuingDepartmentsOfficerOrADocumentsAdminMayRevoke() {
        Actor revenue = new Actor("officer.revenue", Set.of("dept-revenue-officer"));
        Actor admin = new Actor("admin", Set.of("documents-admin"));
        Actor catalogueAdmin = new Actor("cat", Set.of("catalogue-admin"));

        assertThat(revenue.mayRevoke("revenue")).isTrue();
        assertThat(revenue.mayRevoke("police")).isFalse();
        assertThat(admin.mayRevoke("police")).isTrue();
        assertThat(catalogueAdmin.mayRevoke("revenue")).as("the catalogue's admin role is not the documents' one").isFalse();
        assertThat(new Actor("x", Set.of("dept-revenues-officer")).mayRevoke("revenue")).isFalse();
    }

    @Test
    void aCallerWithoutAnyOfficerOrAdminRoleIsRefusedBeforeLookingAtTheDocument() {
        assertThat(new Actor("officer.police", Set.of("dept-police-officer")).mayRevokeAny()).isTrue();
        assertThat(new Actor("admin", Set.of("documents-admin")).mayRevokeAny()).isTrue();
        assertThat(new Actor("citizen", Set.of("user", "offline_access")).mayRevokeAny()).isFalse();
        assertThat(new Actor("odd", Set.of("dept--officer", "revenue-officer")).mayRevokeAny()).isFalse();
    }

    @Test
    void reasonIsRequiredTrimmedAndFiveToFiveHundredCharacters() {
        assertThat(RevocationReason.problem(null)).hasValueSatisfying(m -> assertThat(m).startsWith("required"));
        assertThat(RevocationReason.problem("   ")).hasValueSatisfying(m -> assertThat(m).startsWith("required"));
        assertThat(RevocationReason.problem(" four ")).hasValueSatisfying(m -> assertThat(m).contains("(was 4)"));
        assertThat(RevocationReason.problem("x".repeat(501))).hasValueSatisfying(m -> assertThat(m).contains("(was 501)"));
        assertThat(RevocationReason.problem("bad\u0000reason")).hasValueSatisfying(m -> assertThat(m).contains("control"));
        assertThat(RevocationReason.problem("Issued in error")).isEmpty();
        assertThat(RevocationReason.problem("Line one\nline two")).isEmpty();
        assertThat(RevocationReason.problem("x".repeat(500))).isEmpty();
        assertThat(RevocationReason.problem("రద్దు".repeat(100))).as("500 Telugu characters (code points), not bytes").isEmpty();
        assertThat(RevocationReason.normalise("  Issued in error \n")).isEqualTo("Issued in error");
    }
}
