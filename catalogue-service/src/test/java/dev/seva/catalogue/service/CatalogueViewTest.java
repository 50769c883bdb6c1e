package dev.seva.catalogue.service;

import dev.seva.catalogue.data.Catalogue;
import dev.seva.catalogue.data.CatalogueFiles;
import dev.seva.contracts.catalogue.ServiceDefinition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The view is fed from two sides that race: the instance's own commands (right after commit) and the
 * compacted topic (a moment later, possibly after a newer local change).
 */
class CatalogueViewTest {

    private final Catalogue files = CatalogueFiles.load();
    private final ServiceDefinition income = files.services().stream()
            .filter(s -> s.id().equals("rev-income-certificate")).findFirst().orElseThrow();

    @Test
    void anOlderVersionArrivingFromTheTopicAfterARetirementDoesNotBringTheServiceBack() {
        CatalogueView view = new CatalogueView();
        view.load(List.of(), List.of(income), Set.of());

        ServiceDefinition v2 = Definitions.with(income, income.id(), income.version() + 1, income.departmentId(), income.departmentName());
        view.apply(v2);
        view.retire(income.id());
        // Tried: the topic then delivers versions 1 and 2 of the same service, as it does when the
        // consumer is behind the command that retired it.
        view.apply(income);
        view.apply(v2);

        assertThat(view.service(income.id())).isEmpty();
        assertThat(view.index().search("income certificate", 5)).noneMatch(hit -> hit.service().id().equals(income.id()));
    }

    @Test
    void servicesRetiredBeforeAStartStayRetiredWhenTheTopicReplaysTheirHistory() {
        CatalogueView view = new CatalogueView();
        view.load(List.of(), List.of(), Set.of(income.id()));

        view.apply(income);

        assertThat(view.service(income.id())).isEmpty();
        assertThat(view.activeCount()).isZero();
    }

    @Test
    void anOlderVersionDoesNotReplaceANewerOne() {
        CatalogueView view = new CatalogueView();
        ServiceDefinition v2 = Definitions.with(income, income.id(), income.version() + 1, income.departmentId(), income.departmentName());
        view.load(List.of(), List.of(v2), Set.of());

        view.apply(income);

        assertThat(view.service(income.id())).hasValueSatisfying(s -> assertThat(s.version()).isEqualTo(v2.version()));
    }
}
