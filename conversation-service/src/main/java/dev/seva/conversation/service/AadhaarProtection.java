package dev.seva.conversation.service;

import dev.seva.conversation.domain.AadhaarForms;
import dev.seva.conversation.domain.Answer;
import dev.seva.conversation.domain.Facts;
import dev.seva.privacy.aadhaar.AadhaarInText;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes a citizen's text fit to keep ({@link dev.seva.conversation.domain.Need.Protect}): each token the
 * gateway put in it is bound to the citizen (so their erasure reaches it; a token the vault will not bind
 * is kept only masked), and each valid number still in clear is tokenized for the citizen. What comes out
 * holds Aadhaar numbers only as {@code [Aadhaar XXXX XXXX 1234, aad_<token>]} or masked.
 */
@ApplicationScoped
public class AadhaarProtection {

    @Inject
    VaultAccess vault;

    public Uni<Facts.Protected> protect(String text, String citizenRef) {
        List<AadhaarForms.Found> forms = AadhaarForms.tokenForms(text);
        List<String> clear = AadhaarInText.validNumbers(text);
        Set<String> bound = new LinkedHashSet<>();
        Map<String, AadhaarInText.Token> made = new LinkedHashMap<>();
        Uni<Void> binding = forms.isEmpty() ? Uni.createFrom().voidItem() : Multi.createFrom().iterable(forms)
                .onItem().transformToUniAndConcatenate(f -> vault.bind(f.token(), citizenRef).invoke(ok -> {
                    if (ok) {
                        bound.add(f.token());
                    }
                }))
                .collect().last().replaceWithVoid();
        Uni<Void> tokenizing = clear.isEmpty() ? Uni.createFrom().voidItem() : Multi.createFrom().iterable(clear)
                .onItem().transformToUniAndConcatenate(digits -> vault.tokenize(digits, citizenRef).invoke(t -> made.put(digits, t)))
                .collect().last().replaceWithVoid();
        return binding.chain(() -> tokenizing).map(ignored -> {
            String kept = AadhaarInText.replace(AadhaarForms.keepOnly(text, bound), made);
            List<Answer.AadhaarRef> tokens = new ArrayList<>();
            forms.stream().filter(f -> bound.contains(f.token())).forEach(f -> tokens.add(new Answer.AadhaarRef(f.token(), f.masked())));
            made.values().forEach(t -> tokens.add(new Answer.AadhaarRef(t.token(), t.masked())));
            return new Facts.Protected(kept, List.copyOf(tokens));
        });
    }
}
