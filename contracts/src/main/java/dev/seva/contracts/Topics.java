package dev.seva.contracts;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Every topic name of the platform, in one place. See contracts/asyncapi.yaml for owners and keys. */
public final class Topics {

    public static final String WHATSAPP_INBOUND = "whatsapp.inbound.v1";
    public static final String WHATSAPP_STATUS = "whatsapp.status.v1";
    public static final String WHATSAPP_OUTBOUND = "whatsapp.outbound.v1";
    public static final String CATALOGUE_SERVICES = "catalogue.services.v1";
    public static final String DOCUMENTS_ISSUED = "documents.issued.v1";
    public static final String CITIZEN_ERASURE = "citizen.erasure.v1";
    /** Handovers from the bot to an officer and the citizen's messages in them (owner conversation-service, key citizenRef). */
    public static final String CONVERSATION_HANDOVERS = "conversation.handovers.v1";
    /** Officers' replies in handover threads and threads closed (owner desk-service, key citizenRef). */
    public static final String DESK_HANDOVERS = "desk.handovers.v1";
    /** Payment status webhooks of WhatsApp Payments (owner gateway-service, key the recipient's address; short retention). */
    public static final String WHATSAPP_PAYMENTS = "whatsapp.payments.v1";
    /** What a citizen is asked to pay, and orders withdrawn (owner conversation-service, key citizenRef). */
    public static final String PAYMENTS_ORDERS = "payments.orders.v1";
    /** Orders paid, failed, expired, refunded (owner payment-service, key citizenRef). */
    public static final String PAYMENTS_EVENTS = "payments.events.v1";

    /** The platform topics with a fixed name (department topics are templates). */
    public static final List<String> PLATFORM = List.of(
            WHATSAPP_INBOUND, WHATSAPP_STATUS, WHATSAPP_OUTBOUND, CATALOGUE_SERVICES, DOCUMENTS_ISSUED, CITIZEN_ERASURE,
            CONVERSATION_HANDOVERS, DESK_HANDOVERS, WHATSAPP_PAYMENTS, PAYMENTS_ORDERS, PAYMENTS_EVENTS);

    /** Webhook items the gateway could not turn into a contract-valid event: kept raw, never dropped. */
    public static final String WHATSAPP_INBOUND_DLQ = deadLetter(WHATSAPP_INBOUND);
    public static final String WHATSAPP_STATUS_DLQ = deadLetter(WHATSAPP_STATUS);
    public static final String WHATSAPP_PAYMENTS_DLQ = deadLetter(WHATSAPP_PAYMENTS);
    /** Payment webhooks and orders payment-service could not settle. */
    public static final String PAYMENTS_ORDERS_DLQ = deadLetter(PAYMENTS_ORDERS);
    /** Payment events conversation-service could not apply (an unknown application). */
    public static final String PAYMENTS_EVENTS_DLQ = deadLetter(PAYMENTS_EVENTS);
    /** Commands notification-service could not deliver (permanent Graph API errors, retries exhausted). */
    public static final String WHATSAPP_OUTBOUND_DLQ = deadLetter(WHATSAPP_OUTBOUND);
    /** Desk events conversation-service could not apply (an unknown thread, a reply to a closed thread). */
    public static final String DESK_HANDOVERS_DLQ = deadLetter(DESK_HANDOVERS);

    /** Regular expression (Kafka pattern subscription) for every department's outcomes topic. */
    public static final String DEPARTMENT_OUTCOMES_PATTERN = "dept\\.[a-z][a-z0-9]*\\.outcomes\\.v1";

    /** Regular expression for every department's look-up answers topic (conversation-service reads them all). */
    public static final String DEPARTMENT_ANSWERS_PATTERN = "dept\\.[a-z][a-z0-9]*\\.answers\\.v1";

    private static final Pattern DEPARTMENT_TOPIC = Pattern.compile("^dept\\.([a-z][a-z0-9]{1,30})\\.(applications|outcomes|lookups|answers)\\.v1$");
    private static final Pattern DEPARTMENT_ID = Pattern.compile("^[a-z][a-z0-9]{1,30}$");

    private Topics() {
    }

    public static String departmentApplications(String departmentId) {
        return "dept." + requireDepartmentId(departmentId) + ".applications.v1";
    }

    public static String departmentOutcomes(String departmentId) {
        return "dept." + requireDepartmentId(departmentId) + ".outcomes.v1";
    }

    /** What the platform asks a department to look up at once (a bill due, a result, a status): the department reads it. */
    public static String departmentLookups(String departmentId) {
        return "dept." + requireDepartmentId(departmentId) + ".lookups.v1";
    }

    /** The department's answers to its look-ups: the department writes it. */
    public static String departmentAnswers(String departmentId) {
        return "dept." + requireDepartmentId(departmentId) + ".answers.v1";
    }

    /** The dead-letter topic of a topic: where records go that could not be processed after retries. */
    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }

    /** A department topic's parts, or empty when the name is not a department topic. */
    public static Optional<DepartmentTopic> parseDepartmentTopic(String topic) {
        Matcher m = DEPARTMENT_TOPIC.matcher(topic);
        return m.matches() ? Optional.of(new DepartmentTopic(m.group(1), m.group(2))) : Optional.empty();
    }

    private static String requireDepartmentId(String departmentId) {
        if (departmentId == null || !DEPARTMENT_ID.matcher(departmentId).matches()) {
            throw new IllegalArgumentException("Not a department id (lower-case letters and digits, 2-31 long): " + departmentId);
        }
        return departmentId;
    }

    /** A department topic: the department and which stream ("applications", "outcomes", "lookups" or "answers"). */
    public record DepartmentTopic(String departmentId, String stream) {
    }
}
