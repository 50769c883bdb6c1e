package dev.seva.conversation;

import dev.seva.contracts.whatsapp.SendMessage;
import dev.seva.conversation.domain.Language;
import dev.seva.conversation.domain.Messages;
import dev.seva.conversation.service.VaultAccess;
import dev.seva.devstack.Devstack;
import dev.seva.devstack.PostgresAddress;
import dev.seva.privacy.vault.CitizenKey;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Crypto-shredding: what is stored about a citizen is sealed with their key; without the key it is gone. */
@QuarkusTest
@QuarkusTestResource(ConversationTestResource.class)
class SealingTest {

    static Chat chat;
    Devstack devstack;

    @Inject
    VaultAccess vault;

    @BeforeEach
    void connect() {
        if (chat == null) {
            chat = new Chat(devstack.kafkaBootstrapServers());
        }
    }

    @AfterAll
    static void close() {
        if (chat != null) {
            chat.close();
            chat = null;
        }
    }

    @Test
    void storedAnswersAreSealedAndOnceTheKeyIsGoneTheCitizenStartsAfresh() {
        Chat.Citizen citizen = chat.citizen(JourneyScenarioTest.newWaId());
        citizen.says("hi", 1);
        citizen.taps("consent:accept:en", "Accept", 1);
        citizen.taps("lang:en", "English", 2);
        citizen.says("income certificate", 1);
        var income = Answers.definition(ConversationTestResource.catalogue().url(), JourneyScenarioTest.INCOME);
        citizen.taps("svc:" + income.id(), "Income", 1);
        String reference = JourneyScenarioTest.apply(citizen, income, Language.EN);
        // A draft of a second application, so the session holds answers too.
        citizen.says("income certificate", 1);
        citizen.taps("svc:" + income.id(), "Income", 1);
        citizen.taps("apply", "Apply", 1);
        citizen.says("Lakshmi Devi", 1);
        String citizenRef = query("SELECT citizen_ref FROM citizen WHERE address_key = '" + citizen.waId + "'").get(0);

        // Read the columns: no clear answers, only sealed values (tried: the name typed and the service's answers).
        String answers = query("SELECT answers FROM application WHERE reference = '" + reference + "'").get(0);
        String session = query("SELECT data FROM session WHERE citizen_ref = '" + citizenRef + "'").get(0);
        assertThat(List.of(answers, session)).allSatisfy(v -> assertThat(v).startsWith(CitizenKey.PREFIX)
                .doesNotContain("Lakshmi").doesNotContain("XXXX").doesNotContain("aad_"));
        // One key fetch for the whole journey (the key is held for the cache period), not one per message.
        assertThat(FakeVault.instance().keyRequests(citizenRef)).isEqualTo(1);

        // The vault destroys the key (as it does on citizen.erasure.v1); the cache period ends.
        FakeVault.instance().eraseBehindTheServicesBack(citizenRef);
        vault.forget(citizenRef);
        CitizenKey someOtherKey = new CitizenKey(citizenRef, session.split(":")[2], new byte[32]);
        assertThatThrownBy(() -> someOtherKey.open(session)).as("without the key the session cannot be read").isInstanceOf(RuntimeException.class);

        // The next message: a fresh start (the privacy notice), the old rows gone, nothing new under the old reference.
        SendMessage notice = citizen.says("menu", 1).get(0);
        assertThat(notice.buttons().body()).isEqualTo(Messages.text(Language.EN, "privacy.notice.body"));
        assertThat(notice.citizenRef()).isNull();
        assertThat(query("SELECT count(*) FROM application WHERE citizen_ref = '" + citizenRef + "'")).containsExactly("0");
        assertThat(query("SELECT count(*) FROM session WHERE citizen_ref = '" + citizenRef + "'")).containsExactly("0");
        assertThat(query("SELECT count(*) FROM citizen WHERE citizen_ref = '" + citizenRef + "'")).containsExactly("0");
        citizen.taps("consent:accept:en", "Accept", 1);
        assertThat(query("SELECT citizen_ref FROM citizen WHERE address_key = '" + citizen.waId + "'")).singleElement()
                .isNotEqualTo(citizenRef);
    }

    private List<String> query(String sql) {
        PostgresAddress pg = devstack.postgres();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("conversation"), pg.user(), pg.password());
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
