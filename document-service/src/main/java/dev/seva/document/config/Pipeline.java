package dev.seva.document.config;

import dev.seva.document.service.CertificateFactory;
import dev.seva.document.signing.SigningKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The document pipeline (fonts, templates, signing key), built once at start: a broken template or keystore stops the start. */
@ApplicationScoped
public class Pipeline {

    @Produces
    @Singleton
    CertificateFactory certificateFactory(DocumentConfig config) {
        SigningKey key = SigningKey.load(config.signing().keystore(), config.signing().keystorePassword(), config.stateDir());
        return CertificateFactory.create(key, config.verifyBaseUrl());
    }
}
