package dev.seva.catalogue.search;

import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

import java.io.IOException;

/**
 * Folds romanized Telugu and Hindi to a key that survives the ways people spell them on a phone:
 * "aadayam", "adayam" and ఆదాయం (romanized "adayam") meet; so do "praman patr" and प्रमाण पत्र
 * ("pramana patra"). Rules: letters only; aspirated consonants lose the h (kh→k, dh→d, sh→s...);
 * doubled letters collapse (aa→a, tt→t); ee→i, oo→u; w→v, z→j, q→k, f→p; a final inherent "a"
 * is dropped (Hindi speakers write "patr" for पत्र). Applied identically at index and query time.
 */
final class IndicPhoneticFoldingFilter extends TokenFilter {

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

    IndicPhoneticFoldingFilter(TokenStream input) {
        super(input);
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!input.incrementToken()) {
            return false;
        }
        String folded = fold(term.toString());
        term.setEmpty().append(folded);
        return true;
    }

    static String fold(String token) {
        StringBuilder letters = new StringBuilder(token.length());
        for (int i = 0; i < token.length(); i++) {
            char c = Character.toLowerCase(token.charAt(i));
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                letters.append(c);
            }
        }
        String s = letters.toString()
                .replace("ee", "i").replace("oo", "u")
                .replace("kh", "k").replace("gh", "g").replace("ch", "c").replace("jh", "j")
                .replace("th", "t").replace("dh", "d").replace("ph", "p").replace("bh", "b").replace("sh", "s")
                .replace('w', 'v').replace('z', 'j').replace('q', 'k').replace('f', 'p');
        StringBuilder collapsed = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            if (i == 0 || s.charAt(i) != s.charAt(i - 1)) {
                collapsed.append(s.charAt(i));
            }
        }
        if (collapsed.length() > 3 && collapsed.charAt(collapsed.length() - 1) == 'a') {
            collapsed.setLength(collapsed.length() - 1);
        }
        return collapsed.toString();
    }
}
