package dev.seva.catalogue.search;

import dev.seva.catalogue.data.Catalogue;
import dev.seva.catalogue.data.CatalogueFiles;
import dev.seva.contracts.catalogue.ServiceDefinition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Relevance over the labelled query set: the expected service must be in the top 3 for at least 90%
 * of the queries (the target is 97%). Writes target/search-accuracy.md with top-1/top-3 per kind and
 * every miss, for benchmarks/RESULTS.md.
 */
class SearchAccuracyTest {

    static ServiceSearchIndex index;
    static Catalogue catalogue;

    @BeforeAll
    static void build() {
        catalogue = CatalogueFiles.load();
        index = new ServiceSearchIndex();
        index.replaceAll(catalogue.services());
    }

    @AfterAll
    static void close() {
        index.close();
    }

    @Test
    void theLabelledSetCoversEveryKindAndOnlyRealServices() {
        LabelledQueries set = LabelledQueries.load();
        assertThat(set.queries()).hasSizeGreaterThanOrEqualTo(150);
        Set<String> ids = catalogue.services().stream().map(ServiceDefinition::id).collect(Collectors.toSet());
        assertThat(set.queries()).allSatisfy(q -> assertThat(ids).as("expected service of '%s'", q.q()).contains(q.expect()));
        assertThat(set.queries().stream().map(LabelledQueries.Query::kind).collect(Collectors.toSet()))
                .contains("english", "telugu-script", "hindi-script", "telugu-latin", "typo", "synonym");
    }

    @Test
    void expectedServiceIsInTheTopThreeForAtLeast90PercentOfQueries() throws Exception {
        List<LabelledQueries.Query> queries = LabelledQueries.load().queries();
        Map<String, int[]> perKind = new TreeMap<>(); // kind -> {count, top1, top3}
        StringBuilder misses = new StringBuilder();
        int top1 = 0;
        int top3 = 0;
        for (LabelledQueries.Query q : queries) {
            List<String> found = index.search(q.q(), 3).stream().map(h -> h.service().id()).toList();
            int[] counts = perKind.computeIfAbsent(q.kind(), k -> new int[3]);
            counts[0]++;
            if (!found.isEmpty() && found.get(0).equals(q.expect())) {
                top1++;
                counts[1]++;
            }
            if (found.contains(q.expect())) {
                top3++;
                counts[2]++;
            } else {
                misses.append("| ").append(q.kind()).append(" | ").append(q.q()).append(" | ").append(q.expect())
                        .append(" | ").append(String.join(", ", found)).append(" |\n");
            }
        }
        StringBuilder report = new StringBuilder("| kind | queries | top-1 | top-3 |\n|---|---|---|---|\n");
        perKind.forEach((kind, c) -> report.append(String.format(Locale.ROOT, "| %s | %d | %.1f%% | %.1f%% |%n",
                kind, c[0], 100.0 * c[1] / c[0], 100.0 * c[2] / c[0])));
        report.append(String.format(Locale.ROOT, "| **all** | %d | %.1f%% | %.1f%% |%n%n", queries.size(),
                100.0 * top1 / queries.size(), 100.0 * top3 / queries.size()));
        report.append("Misses (expected not in the top 3):\n\n| kind | query | expected | found |\n|---|---|---|---|\n").append(misses);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/search-accuracy.md"), report.toString());
        System.out.println(report);

        assertThat((double) top3 / queries.size()).as("top-3 accuracy\n%s", report).isGreaterThanOrEqualTo(0.90);
    }
}
