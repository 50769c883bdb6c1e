package dev.seva.document.signing;

import dev.seva.privacy.hsm.Pkcs11Token;
import dev.seva.privacy.hsm.SoftHsm;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Opens the PKCS#11 token that holds the signing key and answers the key: the production HSM when its
 * library is configured ({@code DOCUMENT_PKCS11_LIBRARY}, {@code DOCUMENT_PKCS11_SLOT},
 * {@code DOCUMENT_HSM_PIN}), else the development SoftHSM2 token {@value #DEVELOPMENT_TOKEN} (created with
 * {@code DOCUMENT_HSM_PIN} and {@code DOCUMENT_HSM_SO_PIN} on first use, in the directory
 * {@code SOFTHSM2_CONF} names). Each token is opened once per JVM: a second SunPKCS11 key store on the
 * same token would not see a key the first one created after it was loaded.
 */
public final class SigningTokens {

    /** The SoftHSM2 token label of the local run and tests. */
    public static final String DEVELOPMENT_TOKEN = "seva-documents";

    private static final Map<String, Pkcs11Token> OPENED = new HashMap<>();

    private SigningTokens() {
    }

    /** Where the key is. The PINs never appear in {@link #toString()}. */
    public record Settings(Optional<Path> library, Optional<Long> slot, Optional<String> pin, Optional<String> soPin, String alias) {
        @Override
        public String toString() {
            return "Settings[library=" + library.map(Path::toString).orElse("(SoftHSM2 development token)") + ", slot=" + slot.orElse(null)
                    + ", alias=" + alias + ", pins=(hidden)]";
        }
    }

    /** The signing key of the configured token (the development key is generated in SoftHSM2 if missing). */
    public static SigningKey signingKey(Settings settings) {
        String pin = settings.pin().filter(p -> !p.isBlank()).orElseThrow(() -> new IllegalStateException(
                "DOCUMENT_HSM_PIN is not set: the signing key's PKCS#11 token cannot be opened"));
        if (settings.library().isPresent()) {
            Pkcs11Token token = opened("hsm:" + settings.library().get() + ":" + settings.slot().orElse(null),
                    () -> Pkcs11Token.open(new Pkcs11Token.Settings(settings.library().get(), settings.slot().orElse(null), pin.toCharArray())));
            return SigningKey.inToken(token, settings.alias());
        }
        String soPin = settings.soPin().filter(p -> !p.isBlank()).orElseThrow(() -> new IllegalStateException(
                "DOCUMENT_PKCS11_LIBRARY is not set, so the development SoftHSM2 token is used, and it needs DOCUMENT_HSM_SO_PIN too"));
        Pkcs11Token token = opened("softhsm:" + DEVELOPMENT_TOKEN, () -> SoftHsm.token(DEVELOPMENT_TOKEN, pin, soPin));
        return SigningKey.developmentInToken(token, settings.alias());
    }

    private static synchronized Pkcs11Token opened(String key, java.util.function.Supplier<Pkcs11Token> open) {
        Pkcs11Token token = OPENED.get(key);
        if (token == null) {
            token = open.get();
            OPENED.put(key, token);
        }
        return token;
    }
}
