package dev.seva.catalogue.data;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.seva.catalogue.domain.Department;
import dev.seva.catalogue.domain.FieldError;
import dev.seva.catalogue.domain.ServiceValidation;
import dev.seva.contracts.LocalizedText;
import dev.seva.contracts.catalogue.FieldDefinition;
import dev.seva.contracts.catalogue.ServiceDefinition;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads the catalogue's versioned data files ({@code catalogue/v1/}): {@code catalogue.yaml} lists the
 * department files; each department file holds the department and its services (format in
 * catalogue-service/README.md). Every service is validated as the admin API would validate it; all
 * problems are reported at once, each naming the file, the service and the field.
 */
public final class CatalogueFiles {

    public static final String ROOT = "catalogue/v1/";
    public static final String MANIFEST = "catalogue.yaml";
    static final int FORMAT_VERSION = 1;

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private CatalogueFiles() {
    }

    /** The manifest: the format version and the department files, in display order. */
    public record Manifest(int formatVersion, List<String> departments) {
    }

    /** One department file. */
    public record DepartmentFile(int formatVersion, DepartmentEntry department, List<ServiceEntry> services) {
    }

    public record DepartmentEntry(String id, LocalizedText names, LocalizedText descriptions) {
    }

    /** A service as written in a file: the definition without what the file's department gives. */
    public record ServiceEntry(String id, LocalizedText names, LocalizedText shortNames, LocalizedText descriptions,
                               List<String> keywords, ServiceDefinition.DeliveryMode deliveryMode, String documentType,
                               BigDecimal feeRupees, Integer slaDays, Boolean popular, List<LocalizedText> supportingDocuments,
                               LocalizedText information, String externalUrl, List<FieldDefinition> fields, Boolean feeRefundable,
                               ServiceDefinition.Lookup lookup) {
    }

    /** Loads from the classpath. */
    public static Catalogue load() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return load(name -> loader.getResourceAsStream(ROOT + name));
    }

    /** Loads through {@code open}, which answers a file's content by name (null if absent). */
    public static Catalogue load(Function<String, InputStream> open) {
        List<String> problems = new ArrayList<>();
        Manifest manifest = read(open, MANIFEST, Manifest.class, problems);
        if (manifest == null) {
            throw new CatalogueDataException(problems);
        }
        if (manifest.formatVersion() != FORMAT_VERSION) {
            problems.add(MANIFEST + ": formatVersion " + manifest.formatVersion() + " is not " + FORMAT_VERSION);
        }
        List<Department> departments = new ArrayList<>();
        List<ServiceDefinition> services = new ArrayList<>();
        Map<String, String> serviceFiles = new HashMap<>();
        for (String fileName : manifest.departments() == null ? List.<String>of() : manifest.departments()) {
            DepartmentFile file = read(open, fileName, DepartmentFile.class, problems);
            if (file == null) {
                continue;
            }
            if (file.formatVersion() != FORMAT_VERSION) {
                problems.add(fileName + ": formatVersion " + file.formatVersion() + " is not " + FORMAT_VERSION);
            }
            DepartmentEntry d = file.department();
            if (d == null || d.id() == null || d.names() == null) {
                problems.add(fileName + ": department: id and names are required");
                continue;
            }
            if (!fileName.equals(d.id() + ".yaml")) {
                problems.add(fileName + ": department.id '" + d.id() + "' does not match the file name");
            }
            departments.add(new Department(d.id(), d.names(), d.descriptions()));
            List<ServiceEntry> entries = file.services() == null ? List.of() : file.services();
            for (int i = 0; i < entries.size(); i++) {
                ServiceEntry entry = entries.get(i);
                String label = entry.id() == null ? "services[" + i + "]" : "service " + entry.id();
                ServiceDefinition definition = toDefinition(entry, d);
                for (FieldError error : ServiceValidation.validate(definition)) {
                    problems.add(fileName + ": " + label + ": " + error.field() + ": " + error.message());
                }
                if (entry.id() != null) {
                    String other = serviceFiles.putIfAbsent(entry.id(), fileName);
                    if (other != null) {
                        problems.add(fileName + ": " + label + ": id: already defined in " + other);
                    }
                }
                services.add(definition);
            }
        }
        if (!problems.isEmpty()) {
            throw new CatalogueDataException(problems);
        }
        return new Catalogue(List.copyOf(departments), List.copyOf(services));
    }

    static ServiceDefinition toDefinition(ServiceEntry e, DepartmentEntry d) {
        return new ServiceDefinition(e.id(), 1, d.id(), d.names(), e.names(), e.shortNames(), e.descriptions(),
                e.keywords() == null ? List.of() : e.keywords(), e.deliveryMode(),
                e.fields() == null ? List.of() : e.fields(), e.feeRupees() == null ? BigDecimal.ZERO : e.feeRupees(),
                e.slaDays() == null ? 0 : e.slaDays(), e.documentType(), e.supportingDocuments(), e.information(),
                e.externalUrl(), e.popular(), e.feeRefundable(), e.lookup());
    }

    private static <T> T read(Function<String, InputStream> open, String fileName, Class<T> type, List<String> problems) {
        try (InputStream in = open.apply(fileName)) {
            if (in == null) {
                problems.add(fileName + ": file not found");
                return null;
            }
            return YAML.readValue(in, type);
        } catch (JsonMappingException e) {
            problems.add(fileName + ": " + pathOf(e) + ": " + e.getOriginalMessage().lines().findFirst().orElse("unreadable"));
            return null;
        } catch (IOException e) {
            problems.add(fileName + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
            return null;
        }
    }

    /** Jackson's path ({@code services[3]->fields[1]->typ}) as {@code services[3].fields[1].typ}. */
    private static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            } else {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            }
        }
        return path.isEmpty() ? "(document)" : path.toString();
    }

    /** Writes a department file in the same format (used by tools and tests). */
    public static String write(DepartmentFile file) throws IOException {
        return YAML.writeValueAsString(file);
    }
}
