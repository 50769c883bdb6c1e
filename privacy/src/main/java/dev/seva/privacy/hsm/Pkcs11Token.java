package dev.seva.privacy.hsm;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.util.Arrays;
import java.util.Objects;

/**
 * A PKCS#11 token (an HSM, SoftHSM2 in the local run and tests, any PKCS#11 HSM or a cloud KMS's
 * PKCS#11 library in production) through the JDK's own SunPKCS11 provider. Keys made here are token
 * objects, sensitive and not extractable: encryption and decryption happen inside the token and the
 * key never enters this process's memory.
 */
public final class Pkcs11Token {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE_BYTES = 12;

    /** Where the token is: its PKCS#11 library, its slot id (or none: the first slot), and the user PIN. */
    public record Settings(Path library, Long slot, char[] pin) {
        public Settings {
            Objects.requireNonNull(library, "library");
            Objects.requireNonNull(pin, "pin");
        }

        @Override
        public String toString() {
            return "Settings[library=" + library + ", slot=" + slot + ", pin=(hidden)]";
        }
    }

    private final Provider provider;
    private final KeyStore keyStore;

    private Pkcs11Token(Provider provider, KeyStore keyStore) {
        this.provider = provider;
        this.keyStore = keyStore;
    }

    /** Opens the token and logs in with the user PIN. */
    public static Pkcs11Token open(Settings settings) {
        if (!Files.isRegularFile(settings.library())) {
            throw new IllegalStateException("PKCS#11 library not found: " + settings.library());
        }
        // Generated secret and private keys are sensitive and not extractable: the token never lets them out.
        String config = "--name = seva-" + Math.abs(Objects.hash(settings.library(), settings.slot())) + "\n"
                + "library = " + settings.library() + "\n"
                + (settings.slot() == null ? "slotListIndex = 0\n" : "slot = " + settings.slot() + "\n")
                + "attributes(generate, CKO_SECRET_KEY, *) = {\n"
                + "  CKA_SENSITIVE = true\n  CKA_EXTRACTABLE = false\n}\n"
                + "attributes(generate, CKO_PRIVATE_KEY, *) = {\n"
                + "  CKA_SENSITIVE = true\n  CKA_EXTRACTABLE = false\n}\n";
        try {
            Provider base = Security.getProvider("SunPKCS11");
            if (base == null) {
                throw new IllegalStateException("This JDK has no SunPKCS11 provider");
            }
            Provider provider = base.configure(config);
            KeyStore keyStore = KeyStore.getInstance("PKCS11", provider);
            keyStore.load(null, settings.pin());
            return new Pkcs11Token(provider, keyStore);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("The PKCS#11 token (" + settings + ") could not be opened: " + e.getMessage(), e);
        }
    }

    /** The provider, for signatures with a token key ({@code Signature.getInstance(alg, provider())}). */
    public Provider provider() {
        return provider;
    }

    /** The token's key store: private keys with their certificates, and secret keys, by alias. */
    public KeyStore keyStore() {
        return keyStore;
    }

    public boolean hasKey(String alias) {
        try {
            return keyStore.containsAlias(alias);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The PKCS#11 token could not be read", e);
        }
    }

    /** The token's AES-256 key under {@code alias}, made in the token if it has none. */
    public synchronized SecretKey aesKey(String alias) {
        try {
            Key existing = keyStore.getKey(alias, null);
            if (existing instanceof SecretKey) {
                return (SecretKey) existing;
            }
            if (existing != null) {
                throw new IllegalStateException("Token key " + alias + " is not a secret key");
            }
            KeyGenerator generator = KeyGenerator.getInstance("AES", provider);
            generator.init(256);
            SecretKey key = generator.generateKey();
            keyStore.setKeyEntry(alias, key, null, null);
            Key stored = keyStore.getKey(alias, null);
            if (!(stored instanceof SecretKey)) {
                throw new IllegalStateException("Token key " + alias + " was not stored");
            }
            return (SecretKey) stored;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Token key " + alias + " could not be read or made: " + e.getMessage(), e);
        }
    }

    /** AES-GCM inside the token: a random 96-bit nonce, then the ciphertext with its tag. */
    public byte[] encrypt(String alias, byte[] plaintext, byte[] associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] ciphertext = crypt(Cipher.ENCRYPT_MODE, alias, nonce, plaintext, associatedData);
        byte[] sealed = Arrays.copyOf(nonce, NONCE_BYTES + ciphertext.length);
        System.arraycopy(ciphertext, 0, sealed, NONCE_BYTES, ciphertext.length);
        return sealed;
    }

    /** The plaintext of {@link #encrypt}; fails if the ciphertext or its associated data was changed. */
    public byte[] decrypt(String alias, byte[] sealed, byte[] associatedData) {
        if (sealed.length <= NONCE_BYTES + 16) {
            throw new IllegalArgumentException("Not a sealed value");
        }
        return crypt(Cipher.DECRYPT_MODE, alias, Arrays.copyOf(sealed, NONCE_BYTES),
                Arrays.copyOfRange(sealed, NONCE_BYTES, sealed.length), associatedData);
    }

    private byte[] crypt(int mode, String alias, byte[] nonce, byte[] input, byte[] associatedData) {
        try {
            Key key = keyStore.getKey(alias, null);
            if (key == null) {
                throw new IllegalStateException("The token has no key " + alias);
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", provider);
            cipher.init(mode, key, new GCMParameterSpec(128, nonce));
            if (associatedData != null && associatedData.length > 0) {
                cipher.updateAAD(associatedData);
            }
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Token " + (mode == Cipher.ENCRYPT_MODE ? "encryption" : "decryption")
                    + " with " + alias + " failed: " + e.getMessage(), e);
        }
    }
}
