package dev.seva.gateway.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/** Meta's subscription check: {@code hub.mode=subscribe} and our verify token → echo {@code hub.challenge}. */
public final class VerificationHandshake {

    private final byte[] verifyToken;

    public VerificationHandshake(String verifyToken) {
        if (verifyToken == null || verifyToken.isBlank()) {
            throw new IllegalArgumentException("A WhatsApp verify token is required");
        }
        this.verifyToken = verifyToken.getBytes(StandardCharsets.UTF_8);
    }

    /** The challenge to answer with, or empty when the request must be refused. */
    public Optional<String> answer(String mode, String token, String challenge) {
        if (!"subscribe".equals(mode) || token == null || challenge == null || challenge.isEmpty()) {
            return Optional.empty();
        }
        boolean tokenMatches = MessageDigest.isEqual(verifyToken, token.getBytes(StandardCharsets.UTF_8));
        return tokenMatches ? Optional.of(challenge) : Optional.empty();
    }
}
