package dev.seva.document.config;

import dev.seva.document.service.CertificateFactory;
import dev.seva.document.signing.SigningKey;
import dev.seva.document.signing.SigningTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The document pipeline (fonts, templates, signing key in its PKCS#11 token), built once at start: a broken template or a token without its key stops the start. */
@ApplicationScoped
public class Pipeline {

    @Produces
    @Singleton
    CertificateFactory certificateFactory(DocumentConfig config) {
        DocumentConfig.Signing signing = config.signing();
        SigningKey key = SigningTokens.signingKey(new SigningTokens.Settings(signing.pkcs11Library(), signing.pkcs11Slot(),
                signing.hsmPin(), signing.hsmSoPin(), signing.keyAlias()));
        return CertificateFactory.create(key, config.verifyBaseUrl());
    }
}
