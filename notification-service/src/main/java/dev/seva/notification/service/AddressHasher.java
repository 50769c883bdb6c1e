package dev.seva.notification.service;

import dev.seva.contracts.CitizenAddress;
import dev.seva.contracts.whatsapp.WebhookSigning;
import dev.seva.notification.config.NotificationConfig;
import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;

/**
 * The only form in which a citizen's address is stored: HMAC-SHA256 with NOTIFICATION_ADDRESS_HASH_KEY
 * (a plain hash of a phone number is reversed by trying all numbers; without the key it is not).
 * Used to find a citizen's rows when {@code citizen.erasure.v1} asks.
 */
@ApplicationScoped
public class AddressHasher {

    private final SecretKeySpec key;

    public AddressHasher(NotificationConfig config) {
        this.key = WebhookSigning.key(config.addressHashKey());
    }

    /** The hash of the address's key (the phone number, else the user id). */
    public byte[] primary(CitizenAddress address) {
        return hash(address.key());
    }

    /** The hash of the user id when the phone number is known too, else null. */
    public byte[] alternate(CitizenAddress address) {
        return address.waId() != null && !address.waId().isBlank() && address.userId() != null ? hash(address.userId()) : null;
    }

    public byte[] hash(String addressPart) {
        return WebhookSigning.hmac(key, addressPart.getBytes(StandardCharsets.UTF_8));
    }
}
