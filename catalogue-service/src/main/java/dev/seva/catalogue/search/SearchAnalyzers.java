package dev.seva.catalogue.search;

import com.ibm.icu.text.Transliterator;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.icu.ICUNormalizer2Filter;
import org.apache.lucene.analysis.icu.ICUTransformFilter;
import org.apache.lucene.analysis.icu.segmentation.ICUTokenizer;
import org.apache.lucene.analysis.in.IndicNormalizationFilter;
import org.apache.lucene.analysis.miscellaneous.LengthFilter;

/** The two ways catalogue text is analysed. */
final class SearchAnalyzers {

    private SearchAnalyzers() {
    }

    /**
     * Words as written, in any script: ICU word segmentation (Telugu and Devanagari included), NFKC
     * case folding, Indic normalization (equivalent spellings of the same letter), English plurals.
     */
    static Analyzer text() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer tokenizer = new ICUTokenizer();
                TokenStream stream = new ICUNormalizer2Filter(tokenizer);
                stream = new IndicNormalizationFilter(stream);
                stream = new EnglishMinimalStemFilter(stream);
                return new TokenStreamComponents(tokenizer, stream);
            }
        };
    }

    /**
     * Words as they sound, in Latin letters: Telugu and Devanagari are romanized by ICU
     * ("Any-Latin; Latin-ASCII"), Latin input passes through, then {@link IndicPhoneticFoldingFilter}
     * folds the spellings people use. "aadayam certificate" meets ఆదాయ ధృవీకరణ పత్రం here.
     */
    static Analyzer transliterated() {
        Transliterator toLatin = Transliterator.getInstance("Any-Latin; Latin-ASCII; Lower");
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer tokenizer = new ICUTokenizer();
                TokenStream stream = new ICUTransformFilter(tokenizer, toLatin);
                stream = new IndicPhoneticFoldingFilter(stream);
                stream = new LengthFilter(stream, 2, 64);
                return new TokenStreamComponents(tokenizer, stream);
            }
        };
    }
}
