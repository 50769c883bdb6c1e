package dev.seva.document.render;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.seva.document.domain.Bilingual;
import dev.seva.document.domain.CertificateTemplate;
import dev.seva.document.domain.DepartmentNames;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The certificate templates, read from {@code templates/} on the classpath: {@code catalogue.yaml}
 * (the list of templates, the fallback, departments' and officers' printed names) and one
 * {@code <type>.yaml} per document type. The format is described in document-service/README.md.
 * Every template is checked when loaded: a broken file stops the service at start, not at the
 * first certificate.
 */
public final class TemplateLibrary {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Map<String, CertificateTemplate> templates;
    private final CertificateTemplate fallback;
    private final DepartmentNames names;

    private TemplateLibrary(Map<String, CertificateTemplate> templates, CertificateTemplate fallback, DepartmentNames names) {
        this.templates = Map.copyOf(templates);
        this.fallback = fallback;
        this.names = names;
    }

    public static TemplateLibrary load() {
        CatalogueFile catalogue = read("templates/catalogue.yaml", CatalogueFile.class);
        if (catalogue.templates == null || catalogue.templates.isEmpty() || catalogue.fallback == null) {
            throw new IllegalStateException("templates/catalogue.yaml must list templates and name a fallback");
        }
        Map<String, CertificateTemplate> templates = new LinkedHashMap<>();
        for (String type : catalogue.templates) {
            templates.put(type, toTemplate(type, read("templates/" + type + ".yaml", TemplateFile.class)));
        }
        CertificateTemplate fallback = templates.get(catalogue.fallback);
        if (fallback == null) {
            throw new IllegalStateException("The fallback template " + catalogue.fallback + " is not listed");
        }
        Map<String, Bilingual> departments = new LinkedHashMap<>();
        catalogue.departments.forEach((id, text) -> departments.put(id, text.toBilingual("department " + id)));
        return new TemplateLibrary(templates, fallback, new DepartmentNames(departments, catalogue.designations));
    }

    /** The template of a document type, or the generic one for a type no template covers. */
    public CertificateTemplate template(String documentType) {
        return templates.getOrDefault(documentType, fallback);
    }

    public boolean has(String documentType) {
        return templates.containsKey(documentType);
    }

    /** Every template, by document type, in catalogue order. */
    public Map<String, CertificateTemplate> all() {
        return templates;
    }

    public DepartmentNames names() {
        return names;
    }

    private static CertificateTemplate toTemplate(String type, TemplateFile file) {
        String where = "templates/" + type + ".yaml";
        if (!type.equals(file.type)) {
            throw new IllegalStateException(where + ": type must be " + type);
        }
        if (file.title == null || file.body == null || file.body.en == null || file.body.te == null
                || file.body.en.isEmpty() || file.body.te.isEmpty()) {
            throw new IllegalStateException(where + ": title and body (en and te) are required");
        }
        List<CertificateTemplate.Field> fields = new ArrayList<>();
        for (FieldFile f : file.fields == null ? List.<FieldFile>of() : file.fields) {
            if (f.key == null || f.label == null) {
                throw new IllegalStateException(where + ": every field needs a key and a label");
            }
            Map<String, Bilingual> values = new LinkedHashMap<>();
            if (f.values != null) {
                f.values.forEach((code, text) -> values.put(code, text.toBilingual(where + " value " + code)));
            }
            CertificateTemplate.Visibility verify = f.verify == null ? CertificateTemplate.Visibility.HIDDEN
                    : CertificateTemplate.Visibility.valueOf(f.verify.toUpperCase(Locale.ROOT));
            fields.add(new CertificateTemplate.Field(f.key, f.label.toBilingual(where + " field " + f.key), values, verify));
        }
        return new CertificateTemplate(type, file.title.toBilingual(where + " title"), file.body.en, file.body.te, fields,
                file.required == null ? List.of() : file.required, file.holder, file.listAllData);
    }

    private static <T> T read(String resource, Class<T> type) {
        try (InputStream in = TemplateLibrary.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing template file " + resource);
            }
            return YAML.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable template file " + resource, e);
        }
    }

    // The files' shapes (Jackson binds public fields).

    static final class CatalogueFile {
        public int formatVersion;
        public List<String> templates;
        public String fallback;
        public Map<String, TextFile> departments = Map.of();
        public Map<String, String> designations = Map.of();
    }

    static final class TemplateFile {
        public String type;
        public TextFile title;
        public String holder;
        public List<String> required;
        public boolean listAllData;
        public BodyFile body;
        public List<FieldFile> fields;
    }

    static final class BodyFile {
        public List<String> en;
        public List<String> te;
    }

    static final class FieldFile {
        public String key;
        public TextFile label;
        public String verify;
        public Map<String, TextFile> values;
    }

    static final class TextFile {
        public String en;
        public String te;

        Bilingual toBilingual(String where) {
            if (en == null || te == null) {
                throw new IllegalStateException(where + ": both en and te are required");
            }
            return new Bilingual(en, te);
        }
    }
}
