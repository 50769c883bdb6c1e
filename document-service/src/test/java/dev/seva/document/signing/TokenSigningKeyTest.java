package dev.seva.document.signing;

import dev.seva.document.SamplePdfs;
import dev.seva.document.domain.Certificate;
import dev.seva.document.service.CertificateFactory;
import dev.seva.privacy.hsm.Pkcs11Token;
import dev.seva.privacy.hsm.SoftHsm;
import org.junit.jupiter.api.Test;

import java.security.PrivateKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The signing key lives in a PKCS#11 token (SoftHSM2 here, SOFTHSM2_CONF = target/softhsm2 set by surefire)
 * and signs there: the process holds only a handle, never the key's bytes. No Quarkus.
 */
class TokenSigningKeyTest {

    static final Instant ISSUED = Instant.parse("2026-12-02T09:00:00Z");

    @Test
    void developmentKeyIsGeneratedInsideTheTokenAndCannotBeRead() {
        SigningKey key = SamplePdfs.tokenKey();

        PrivateKey privateKey = key.privateKey();
        // Tried: a PKCS#12 (software) key answers its PKCS#8 bytes here; a token key answers null.
        assertThat(privateKey.getEncoded()).as("the private key's bytes").isNull();
        assertThat(privateKey.getClass().getName()).startsWith("sun.security.pkcs11.P11Key");
        assertThat(key.provider()).as("signs only through the token's provider").isPresent();
        assertThat(key.provider().get().getName()).startsWith("SunPKCS11");
        assertThat(key.development()).isTrue();
        assertThat(key.certificate().getSubjectX500Principal().getName()).contains("NOT FOR PRODUCTION");
    }

    @Test
    void theKeySurvivesARestartAndIsReadLikeAProductionHsmKey() throws Exception {
        SigningKey first = SamplePdfs.tokenKey();
        // A fresh SunPKCS11 provider and key store over the same token files: what the next start sees.
        Pkcs11Token reopened = SoftHsm.token(SigningTokens.DEVELOPMENT_TOKEN, SamplePdfs.TEST_PIN, SamplePdfs.TEST_SO_PIN);

        SigningKey afterRestart = SigningKey.inToken(reopened, "document-signing");

        assertThat(afterRestart.certificate()).as("the same key pair, not a new one").isEqualTo(first.certificate());
        assertThat(afterRestart.privateKey().getEncoded()).isNull();
        assertThat(afterRestart.development()).as("inToken is the production reading").isFalse();
        // It signs: a certificate signed with the reopened token verifies with the stored certificate.
        CertificateFactory factory = CertificateFactory.create(afterRestart, "http://localhost:8084");
        Certificate certificate = factory.certificate("doc_token_restart_01",
                SamplePdfs.approved("SEVA-REV-2026-000200", "cit_7QbX2mK9pL4sT8vW1yZ3", "income_certificate",
                        SamplePdfs.sampleData("income_certificate")), ISSUED);
        assertThat(SamplePdfs.signatureValid(factory.issue(certificate, ISSUED).pdf())).isTrue();
    }

    @Test
    void aProductionTokenWithoutTheKeyStopsTheStartInsteadOfMakingOne() {
        SamplePdfs.tokenKey();
        Pkcs11Token token = SoftHsm.token(SigningTokens.DEVELOPMENT_TOKEN, SamplePdfs.TEST_PIN, SamplePdfs.TEST_SO_PIN);

        assertThatThrownBy(() -> SigningKey.inToken(token, "no-such-signing-key"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no private key no-such-signing-key");
        assertThat(token.hasKey("no-such-signing-key")).as("nothing was generated in a production token").isFalse();
    }

    @Test
    void withoutAPinTheTokenIsNotOpened() {
        // Outside %dev/%test there is no default PIN: the start stops with a clear message.
        assertThatThrownBy(() -> SigningTokens.signingKey(new SigningTokens.Settings(Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(SamplePdfs.TEST_SO_PIN), "document-signing")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("DOCUMENT_HSM_PIN");
    }

    @Test
    void aKeyTheSignerCannotUseFailsAsASignatureFailure() {
        // A token key offered to the JDK's software providers (no token provider): what a lost token session
        // looks like to the signer. It must surface as SignatureFailed (counted, waited out), not as a broken record.
        SigningKey token = SamplePdfs.tokenKey();
        SigningKey withoutProvider = new SigningKey(token.privateKey(), List.copyOf(token.chain()), true, null);
        CertificateFactory factory = CertificateFactory.create(withoutProvider, "http://localhost:8084");
        Certificate certificate = factory.certificate("doc_token_failure_1",
                SamplePdfs.approved("SEVA-REV-2026-000201", "cit_7QbX2mK9pL4sT8vW1yZ3", "income_certificate",
                        SamplePdfs.sampleData("income_certificate")), ISSUED);

        assertThatThrownBy(() -> factory.issue(certificate, ISSUED)).isInstanceOf(SignatureFailed.class);
    }
}
