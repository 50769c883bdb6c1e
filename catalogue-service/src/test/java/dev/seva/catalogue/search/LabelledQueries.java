package dev.seva.catalogue.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The labelled query set (src/test/resources/search/labelled-queries.yaml): what citizens type and what they want. */
public record LabelledQueries(List<Query> queries) {

    public record Query(String q, String lang, String kind, String expect) {
    }

    public static LabelledQueries load() {
        try (InputStream in = LabelledQueries.class.getResourceAsStream("/search/labelled-queries.yaml")) {
            return new ObjectMapper(new YAMLFactory()).readValue(in, LabelledQueries.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
