package dev.seva.catalogue.search;

import dev.seva.catalogue.data.CatalogueFiles;
import dev.seva.contracts.catalogue.ServiceDefinition;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceSearchIndexTest {

    @Test
    void phoneticFoldingMeetsTheWaysPeopleSpell() {
        assertThat(IndicPhoneticFoldingFilter.fold("aadayam")).isEqualTo(IndicPhoneticFoldingFilter.fold("adayam"));
        assertThat(IndicPhoneticFoldingFilter.fold("patra")).isEqualTo(IndicPhoneticFoldingFilter.fold("patr"));
        assertThat(IndicPhoneticFoldingFilter.fold("dhruvikarana")).isEqualTo(IndicPhoneticFoldingFilter.fold("druvikaran"));
    }

    @Test
    void updatesAndRetirementsShowInTheNextSearch() {
        List<ServiceDefinition> services = CatalogueFiles.load().services();
        try (ServiceSearchIndex index = new ServiceSearchIndex()) {
            index.replaceAll(services);
            ServiceDefinition income = services.stream().filter(s -> s.id().equals("rev-income-certificate")).findFirst().orElseThrow();
            assertThat(index.search("income certificate", 3)).extracting(h -> h.service().id()).contains(income.id());
            index.remove(income.id());
            assertThat(index.search("income certificate", 10)).extracting(h -> h.service().id()).doesNotContain(income.id());
            index.upsert(income);
            assertThat(index.search("income certificate", 3)).extracting(h -> h.service().id()).contains(income.id());
        }
    }

    @Test
    void aQueryWithoutWordsFindsNothingAndAHugeQueryIsBounded() {
        try (ServiceSearchIndex index = new ServiceSearchIndex()) {
            index.replaceAll(CatalogueFiles.load().services());
            assertThat(index.search("  !!! ", 5)).isEmpty();
            assertThat(index.search("certificate ".repeat(500), 5)).hasSizeLessThanOrEqualTo(5);
        }
    }
}
