package dev.seva.catalogue.search;

import dev.seva.contracts.LocalizedText;
import dev.seva.contracts.catalogue.ServiceDefinition;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.FuzzyTermsEnum;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.StringHelper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Full-text search over the active services, in memory (Lucene, BM25). Each service is indexed in
 * its three languages twice: as written (ICU words, any script) and as it sounds in Latin letters
 * (romanized and phonetically folded), so a query in Telugu script, in Hindi, in English, misspelt,
 * or Telugu typed in Latin letters finds it. Ranking is Lucene's: each query word is looked up in
 * every field (a word the catalogue does not know first becomes its completions and near spellings,
 * by edit distance), the best field counts per word (dis-max), and the words' scores add up. Field weights say what matters most:
 * names, then keywords and synonyms, then descriptions and the department.
 *
 * <p>Thread-safe; updates are visible to the next search.
 */
public final class ServiceSearchIndex implements AutoCloseable {

    static final String ID = "id";
    static final String NAME = "name";
    static final String KEYWORD = "keyword";
    static final String DESCRIPTION = "description";
    static final String DEPARTMENT = "department";
    static final String NAME_SOUND = "name_sound";
    static final String KEYWORD_SOUND = "keyword_sound";
    /** Every word of every indexed text, written and as it sounds: what an unknown query word is expanded against. */
    static final String VOCABULARY = "vocabulary";
    static final String VOCABULARY_SOUND = "vocabulary_sound";
    private static final int MAX_EXPANSIONS = 8;

    private static final Map<String, Float> WRITTEN_FIELDS = Map.of(NAME, 4f, KEYWORD, 3f, DESCRIPTION, 0.8f, DEPARTMENT, 0.6f);
    private static final Map<String, Float> SOUND_FIELDS = Map.of(NAME_SOUND, 2.5f, KEYWORD_SOUND, 2.5f);

    private final Analyzer written = SearchAnalyzers.text();
    private final Analyzer sound = SearchAnalyzers.transliterated();
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Map<String, ServiceDefinition> services = new ConcurrentHashMap<>();

    public ServiceSearchIndex() {
        try {
            Map<String, Analyzer> perField = Map.of(NAME_SOUND, sound, KEYWORD_SOUND, sound, VOCABULARY_SOUND, sound);
            IndexWriterConfig config = new IndexWriterConfig(new PerFieldAnalyzerWrapper(written, perField));
            config.setRAMBufferSizeMB(32);
            writer = new IndexWriter(new ByteBuffersDirectory(), config);
            searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces the whole index (start-up). */
    public synchronized void replaceAll(Collection<ServiceDefinition> all) {
        try {
            writer.deleteAll();
            services.clear();
            for (ServiceDefinition service : all) {
                writer.addDocument(document(service));
                services.put(service.id(), service);
            }
            writer.commit();
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds or replaces one service (created or updated). */
    public synchronized void upsert(ServiceDefinition service) {
        try {
            writer.updateDocument(new Term(ID, service.id()), document(service));
            services.put(service.id(), service);
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes one service (retired). */
    public synchronized void remove(String serviceId) {
        try {
            writer.deleteDocuments(new Term(ID, serviceId));
            services.remove(serviceId);
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int size() {
        return services.size();
    }

    /** The best {@code limit} services for what the citizen typed; empty for a query with no words. */
    public List<SearchHit> search(String text, int limit) {
        IndexSearcher searcher;
        try {
            searcher = searchers.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Query query = query(text, searcher.getIndexReader());
            if (query == null) {
                return List.of();
            }
            TopDocs top = searcher.search(query, limit);
            List<SearchHit> hits = new ArrayList<>(top.scoreDocs.length);
            for (ScoreDoc doc : top.scoreDocs) {
                String id = searcher.storedFields().document(doc.doc, Set.of(ID)).get(ID);
                ServiceDefinition service = services.get(id);
                if (service != null) {
                    hits.add(new SearchHit(service, doc.score));
                }
            }
            return hits;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                searchers.release(searcher);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    Query query(String text, IndexReader reader) throws IOException {
        if (text == null || text.isBlank()) {
            return null;
        }
        String bounded = text.length() > 200 ? text.substring(0, 200) : text;
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        int clauses = 0;
        for (String word : terms(written, bounded)) {
            all.add(wordQuery(word, WRITTEN_FIELDS, VOCABULARY, reader), BooleanClause.Occur.SHOULD);
            clauses++;
        }
        for (String word : terms(sound, bounded)) {
            all.add(wordQuery(word, SOUND_FIELDS, VOCABULARY_SOUND, reader), BooleanClause.Occur.SHOULD);
            clauses++;
        }
        return clauses == 0 ? null : all.build();
    }

    /**
     * One word in every field; the best field wins. A word the catalogue knows is looked up exactly. A
     * word it does not know (a typo, a fragment) is first expanded, once, against the catalogue's whole
     * vocabulary into the few real words it could be (prefix and Levenshtein neighbours, scored by
     * similarity); those are then looked up exactly in every field. Expanding once per word instead of
     * once per field keeps a query cheap on a large catalogue.
     */
    private static Query wordQuery(String word, Map<String, Float> fields, String vocabulary, IndexReader reader) throws IOException {
        Map<String, Float> forms = new LinkedHashMap<>();
        if (reader.docFreq(new Term(vocabulary, word)) > 0) {
            forms.put(word, 1f);
        } else {
            forms.putAll(expand(reader, vocabulary, word));
        }
        if (forms.isEmpty()) {
            return new TermQuery(new Term(NAME, word));
        }
        List<Query> perField = new ArrayList<>();
        for (Map.Entry<String, Float> field : fields.entrySet()) {
            BooleanQuery.Builder alternatives = new BooleanQuery.Builder();
            forms.forEach((form, similarity) -> alternatives.add(
                    new BoostQuery(new TermQuery(new Term(field.getKey(), form)), similarity), BooleanClause.Occur.SHOULD));
            perField.add(new BoostQuery(alternatives.build(), field.getValue()));
        }
        return new DisjunctionMaxQuery(perField, 0.1f);
    }

    /** Real words an unknown word may stand for: completions of it (a fragment) and near spellings (a typo). */
    private static Map<String, Float> expand(IndexReader reader, String vocabulary, String word) throws IOException {
        Map<String, Float> forms = new LinkedHashMap<>();
        Terms terms = MultiTerms.getTerms(reader, vocabulary);
        if (terms == null) {
            return forms;
        }
        int length = word.codePointCount(0, word.length());
        if (length >= 3) {
            TermsEnum completions = terms.iterator();
            if (completions.seekCeil(new BytesRef(word)) != TermsEnum.SeekStatus.END) {
                BytesRef prefix = new BytesRef(word);
                for (BytesRef term = completions.term(); term != null && forms.size() < MAX_EXPANSIONS && StringHelper.startsWith(term, prefix);
                     term = completions.next()) {
                    forms.put(term.utf8ToString(), 0.5f);
                }
            }
        }
        int edits = length >= 8 ? 2 : length >= 4 ? 1 : 0;
        if (edits > 0) {
            List<Map.Entry<String, Float>> near = new ArrayList<>();
            FuzzyTermsEnum fuzzy = new FuzzyTermsEnum(terms, new Term(vocabulary, word), edits, 1, true);
            for (BytesRef term = fuzzy.next(); term != null; term = fuzzy.next()) {
                near.add(Map.entry(term.utf8ToString(), 0.45f * fuzzy.getBoost()));
            }
            near.sort(Map.Entry.<String, Float>comparingByValue().reversed());
            near.stream().limit(MAX_EXPANSIONS).forEach(e -> forms.merge(e.getKey(), e.getValue(), Math::max));
        }
        return forms;
    }

    private static List<String> terms(Analyzer analyzer, String text) {
        Set<String> words = new LinkedHashSet<>();
        try (TokenStream stream = analyzer.tokenStream("q", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken() && words.size() < 12) {
                words.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ArrayList<>(words);
    }

    private static Document document(ServiceDefinition s) {
        Document doc = new Document();
        doc.add(new StringField(ID, s.id(), Field.Store.YES));
        texts(s.names(), s.shortNames()).forEach(t -> {
            doc.add(new TextField(NAME, t, Field.Store.NO));
            doc.add(new TextField(NAME_SOUND, t, Field.Store.NO));
        });
        if (s.keywords() != null) {
            s.keywords().forEach(k -> {
                doc.add(new TextField(KEYWORD, k, Field.Store.NO));
                doc.add(new TextField(KEYWORD_SOUND, k, Field.Store.NO));
            });
        }
        texts(s.descriptions()).forEach(t -> doc.add(new TextField(DESCRIPTION, t, Field.Store.NO)));
        texts(s.departmentName()).forEach(t -> doc.add(new TextField(DEPARTMENT, t, Field.Store.NO)));
        List<String> all = new ArrayList<>(texts(s.names(), s.shortNames(), s.descriptions(), s.departmentName()));
        if (s.keywords() != null) {
            all.addAll(s.keywords());
        }
        all.forEach(t -> {
            doc.add(new TextField(VOCABULARY, t, Field.Store.NO));
            doc.add(new TextField(VOCABULARY_SOUND, t, Field.Store.NO));
        });
        return doc;
    }

    private static List<String> texts(LocalizedText... texts) {
        return Stream.of(texts).filter(t -> t != null)
                .flatMap(t -> Stream.of(t.en(), t.te(), t.hi()))
                .filter(t -> t != null && !t.isBlank())
                .distinct()
                .toList();
    }

    @Override
    public void close() {
        try {
            searchers.close();
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
