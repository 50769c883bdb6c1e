package dev.seva.conversation.domain;

import dev.seva.privacy.aadhaar.AadhaarInText;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the service's vault step ({@code AadhaarProtection}) answers for {@link Need.Protect}, without a
 * vault, for the pure journey tests: every valid number in clear gets {@link #TOKEN}, and every token form is
 * bound except those in {@link #refused}.
 */
final class VaultForTests {

    static final String TOKEN = "aad_testtoken0123456789";
    final Set<String> refused = new HashSet<>();

    Facts.Protected protect(String text) {
        List<Answer.AadhaarRef> tokens = new ArrayList<>();
        Set<String> bound = new HashSet<>();
        for (AadhaarForms.Found f : AadhaarForms.tokenForms(text)) {
            if (!refused.contains(f.token())) {
                bound.add(f.token());
                tokens.add(new Answer.AadhaarRef(f.token(), f.masked()));
            }
        }
        Map<String, AadhaarInText.Token> made = new HashMap<>();
        for (String digits : AadhaarInText.validNumbers(text)) {
            AadhaarInText.Token token = new AadhaarInText.Token(TOKEN, AadhaarInText.masked(digits));
            made.put(digits, token);
            tokens.add(new Answer.AadhaarRef(token.token(), token.masked()));
        }
        return new Facts.Protected(AadhaarInText.replace(AadhaarForms.keepOnly(text, bound), made), tokens);
    }

    /** Steps the journey, answering each vault question it asks (other facts must be given). */
    Step step(Journey journey, Session session, CitizenInput input, Facts facts) {
        Step step = journey.step(session, input, facts);
        for (int round = 0; round < 3 && step instanceof Step.NeedFacts n && n.need() instanceof Need.Protect p; round++) {
            facts.with(p, protect(p.text()));
            step = journey.step(session, input, facts);
        }
        return step;
    }

    /** The gateway's token form of a number. */
    static String form(String digits, String token) {
        return "[Aadhaar " + AadhaarInText.masked(digits) + ", " + token + "]";
    }
}
