package dev.seva.simulator.standin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.function.Consumer;
import java.util.stream.Stream;

import static dev.seva.simulator.standin.Fixtures.at;
import static dev.seva.simulator.standin.Fixtures.chars;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each way a body breaks Meta's rules is refused with Meta's HTTP status, code and error shape:
 * 100 for a missing, unknown or badly typed parameter (and over-long free text), 131009 for an
 * interactive part over its limit, 131053 for an unknown media id.
 */
class MetaLimitsTest extends StandInTest {


    record Case(String label, String fixture, Consumer<ObjectNode> breakIt, int code, String detailsContain) {
        @Override
        public String toString() {
            return label;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("messaging_product missing", "text", b -> b.remove("messaging_product"), 100, "messaging_product is required"),
                new Case("messaging_product not whatsapp", "text", b -> b.put("messaging_product", "sms"), 100, "got \"sms\""),
                new Case("recipient_type not individual", "text", b -> b.put("recipient_type", "group"), 100, "recipient_type"),
                new Case("no recipient at all", "text", b -> b.remove("to"), 100, "The parameter to is required"),
                new Case("to that is not a phone number", "text", b -> b.put("to", "call me"), 100, "Param to"),
                new Case("recipient that is not a user id", "text-to-user-id", b -> b.put("recipient", "someone"), 100, "Param recipient"),
                new Case("unknown type", "text", b -> b.put("type", "carrier_pigeon"), 100, "got \"carrier_pigeon\""),
                new Case("type without its object", "text", b -> b.remove("text"), 100, "The parameter text is required"),
                new Case("text body missing", "text", b -> at(b, "/text").remove("body"), 100, "text['body'] is required"),
                new Case("text body of 4097 characters", "text", b -> at(b, "/text").put("body", chars(4097)), 100, "at most 4096 characters"),
                new Case("preview_url not a boolean", "text", b -> at(b, "/text").put("preview_url", "yes"), 100, "preview_url"),
                new Case("biz_opaque_callback_data over 512", "text", b -> b.put("biz_opaque_callback_data", chars(513)), 100, "at most 512"),
                new Case("interactive type unknown", "list", b -> at(b, "/interactive").put("type", "carousel"), 100, "interactive['type']"),
                new Case("list body missing", "list", b -> at(b, "/interactive").remove("body"), 100, "interactive['body'] is required"),
                new Case("list of 11 rows in one section", "list", b -> at(b, "/interactive/action/sections/0").set("rows", Fixtures.rows(11, "r")), 131009, "Total row count exceed max allowed count: 10"),
                new Case("list of 11 rows across two sections", "list", b -> {
                    at(b, "/interactive/action/sections/0").set("rows", Fixtures.rows(6, "a"));
                    at(b, "/interactive/action/sections/1").set("rows", Fixtures.rows(5, "b"));
                }, 131009, "Total row count"),
                new Case("list of 11 sections", "list", b -> {
                    ArrayNode sections = at(b, "/interactive/action").putArray("sections");
                    for (int i = 0; i < 11; i++) {
                        sections.addObject().put("title", "S" + i).set("rows", Fixtures.rows(1, "s" + i));
                    }
                }, 131009, "Number of sections invalid"),
                new Case("list with no section", "list", b -> at(b, "/interactive/action").putArray("sections"), 131009, "Number of sections invalid"),
                new Case("list section without rows", "list", b -> at(b, "/interactive/action/sections/1").putArray("rows"), 131009, "Number of rows"),
                new Case("list button of 21 characters", "list", b -> at(b, "/interactive/action").put("button", chars(21)), 131009, "Button text length invalid"),
                new Case("list header of 61 characters", "list", b -> at(b, "/interactive/header").put("text", chars(61)), 131009, "Header text length invalid"),
                new Case("list body of 4097 characters", "list", b -> at(b, "/interactive/body").put("text", chars(4097)), 131009, "Body text length invalid. Min length: 1, Max length: 4096"),
                new Case("list footer of 61 characters", "list", b -> at(b, "/interactive/footer").put("text", chars(61)), 131009, "Footer text length invalid"),
                new Case("section title of 25 characters", "list", b -> at(b, "/interactive/action/sections/0").put("title", chars(25)), 131009, "Section title length invalid"),
                new Case("several sections, one without title", "list", b -> at(b, "/interactive/action/sections/1").remove("title"), 131009, "Section title is required"),
                new Case("row id of 201 characters", "list", b -> at(b, "/interactive/action/sections/0/rows/0").put("id", chars(201)), 131009, "Row id length invalid"),
                new Case("row title of 25 characters", "list", b -> at(b, "/interactive/action/sections/0/rows/0").put("title", chars(25)), 131009, "Row title length invalid"),
                new Case("row description of 73 characters", "list", b -> at(b, "/interactive/action/sections/0/rows/0").put("description", chars(73)), 131009, "Row description length invalid"),
                new Case("two rows with the same id", "list", b -> at(b, "/interactive/action/sections/1/rows/0").put("id", "dept:revenue"), 131009, "Row ids must be unique"),
                new Case("row without title", "list", b -> at(b, "/interactive/action/sections/0/rows/0").remove("title"), 100, "['title'] is required"),
                new Case("4 reply buttons", "buttons", b -> at(b, "/interactive/action").set("buttons", Fixtures.buttons(4)), 131009, "Number of buttons invalid. Min: 1, Max: 3"),
                new Case("no reply button", "buttons", b -> at(b, "/interactive/action").putArray("buttons"), 131009, "Number of buttons invalid"),
                new Case("button message body of 1025 characters", "buttons", b -> at(b, "/interactive/body").put("text", chars(1025)), 131009, "Body text length invalid. Min length: 1, Max length: 1024"),
                new Case("button title of 21 characters", "buttons", b -> at(b, "/interactive/action/buttons/0/reply").put("title", chars(21)), 131009, "Button title length invalid. Min length: 1, Max length: 20"),
                new Case("two buttons with the same title", "buttons", b -> at(b, "/interactive/action/buttons/1/reply").put("title", "అంగీకరిస్తున్నాను"), 131009, "Button titles must be unique"),
                new Case("two buttons with the same id", "buttons", b -> at(b, "/interactive/action/buttons/1/reply").put("id", "consent:accept"), 131009, "Button ids must be unique"),
                new Case("button id of 257 characters", "buttons", b -> at(b, "/interactive/action/buttons/0/reply").put("id", chars(257)), 131009, "Button id length invalid"),
                new Case("button of a type other than reply", "buttons", b -> at(b, "/interactive/action/buttons/0").put("type", "url"), 100, "must be one of {REPLY}"),
                new Case("document caption of 1025 characters", "document-by-link", b -> at(b, "/document").put("caption", chars(1025)), 100, "document['caption'] must be at most 1024"),
                new Case("document with neither id nor link", "document-by-link", b -> at(b, "/document").remove("link"), 100, "either id or link"),
                new Case("document with both id and link", "document-by-link", b -> at(b, "/document").put("id", "1234"), 100, "either id or link"),
                new Case("document by a media id never uploaded", "document-by-link", b -> {
                    at(b, "/document").remove("link");
                    at(b, "/document").put("id", "1999999999999999");
                }, 131053, "not a valid media id"),
                new Case("document link that is not http(s)", "document-by-link", b -> at(b, "/document").put("link", "ftp://x/y.pdf"), 100, "http(s) URL"),
                new Case("template without language", "template", b -> at(b, "/template").remove("language"), 100, "template['language'] is required"),
                new Case("template button index 10", "template", b -> at(b, "/template/components/2").put("index", "10"), 100, "must be 0 to 9"),
                new Case("template button without sub_type", "template", b -> at(b, "/template/components/2").remove("sub_type"), 100, "sub_type'] is required"),
                new Case("template body parameter of 1025 characters", "template", b -> at(b, "/template/components/1/parameters/0").put("text", chars(1025)), 131009, "Parameter text length invalid"));
    }



    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusesWithMetasStatusCodeAndErrorShape(Case c) {
        String mediaId = http.uploadPdf();
        ObjectNode body = (ObjectNode) Fixtures.json(c.fixture()).deepCopy();
        if (c.fixture().equals("template")) {
            at(body, "/template/components/0/parameters/0/document").put("id", mediaId);
        }
        c.breakIt().accept(body);
        int loggedBefore = meta.sentTo("919876543210").size();

        Http.Answer answer = http.postJson(MESSAGES, Fixtures.write(body));

        assertThat(answer.status()).as(String.valueOf(answer.json())).isEqualTo(400);
        assertThat(answer.json().at("/error/code").asInt()).isEqualTo(c.code());
        assertThat(answer.json().at("/error/type").asText()).isEqualTo("OAuthException");
        assertThat(answer.json().at("/error/message").asText()).startsWith("(#" + c.code() + ") ");
        assertThat(answer.json().at("/error/error_data/messaging_product").asText()).isEqualTo("whatsapp");
        assertThat(answer.json().at("/error/error_data/details").asText()).contains(c.detailsContain());
        assertThat(answer.json().at("/error/fbtrace_id").asText()).matches("[A-Za-z0-9_-]{23}");
        assertThat(meta.sentTo("919876543210")).hasSize(loggedBefore);
    }
}
