package dev.seva.deploy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * A YAML mapper under which an unknown field is an error, for every model. The fabric8 and Strimzi
 * models keep unknown fields in an "additionalProperties" map (a {@code @JsonAnySetter}) and some
 * classes ignore unknown properties; this mapper turns both off, so a misspelt or misplaced field
 * fails the parse instead of vanishing into that map.
 */
final class StrictMapper {

    private StrictMapper() {
    }

    static ObjectMapper create() {
        ObjectMapper mapper = new ObjectMapper(YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        mapper.configure(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY, true);
        mapper.configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);
        mapper.configure(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY, false);
        mapper.setAnnotationIntrospector(new NoUnknownFieldsIntrospector());
        return mapper;
    }

    /** Ignores {@code @JsonAnySetter} and {@code ignoreUnknown = true}; keeps every other annotation. */
    static final class NoUnknownFieldsIntrospector extends JacksonAnnotationIntrospector {

        @Override
        public Boolean hasAnySetter(Annotated a) {
            return Boolean.FALSE;
        }

        @Override
        public JsonIgnoreProperties.Value findPropertyIgnoralByName(MapperConfig<?> config, Annotated a) {
            return super.findPropertyIgnoralByName(config, a).withoutIgnoreUnknown();
        }
    }
}
