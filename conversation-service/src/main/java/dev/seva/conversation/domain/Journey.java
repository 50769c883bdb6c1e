package dev.seva.conversation.domain;

import dev.seva.contracts.catalogue.FieldDefinition;
import dev.seva.contracts.catalogue.ServiceDefinition;
import dev.seva.contracts.handover.HandoverRequested;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The citizen's journey as a state machine: every state, what each input does in it, and where it
 * leads, in this one class. Pure: it reads the session, the input and the facts fetched for it, and
 * returns the next session, the replies and the effects; when it needs a fact it does not have, it
 * says so ({@link Step.NeedFacts}) and is called again with it.
 *
 * <pre>
 *   (new citizen) ─▶ privacy notice ─Accept─▶ CHOOSING_LANGUAGE ─▶ MENU ⇄ DEPARTMENT / POPULAR / SEARCH_RESULTS
 *                                                                        │
 *                              STATUS_LIST ◀─ "status"                   ▼
 *                                                               SERVICE_DETAILS ─Apply─▶ COLLECTING (one field at a time)
 *                                                                                          │ last field
 *                                      MENU ◀─ Confirm (submit) ─ CONFIRMING ◀─────────────┘
 *                                                                  │ Edit ─▶ EDITING ─▶ COLLECTING (then back to CONFIRMING)
 *   any state: menu, help, back, cancel, status [ref], language, delete my data (─▶ CONFIRMING_ERASURE)
 *   a department's question ─▶ ANSWERING_QUESTION ─answer─▶ MENU
 *   any state: "talk to an officer", or three inputs in a row not understood ─▶ HANDOVER (every message to the
 *   officer, no bot replies; "delete my data" still works) ─ the officer closes (desk.handovers.v1) ─▶ MENU
 * </pre>
 *
 * <p>Not understood (counted in {@link Session#misunderstood()}, reset by any other step): a message
 * of a kind the bot cannot read (sticker, voice...) where it is not an answer; free text that is no
 * command and whose catalogue search finds nothing (a catalogue that does not answer does not count);
 * an answer that fails a field's validation, or a department question's answer that is not text,
 * media or a location. The third in a row hands the citizen over with reason {@code not_understood}.
 */
public final class Journey {

    static final String OPTION_PREFIX = "opt:";
    /** Inputs not understood in a row before the citizen is handed over to an officer. */
    public static final int MISUNDERSTOOD_LIMIT = 3;
    /** Commands that, during a handover, get a reminder that the officer is still there (they are passed on too). */
    private static final Set<GlobalCommand> NAVIGATION = Set.of(GlobalCommand.MENU, GlobalCommand.HELP, GlobalCommand.BACK,
            GlobalCommand.CANCEL, GlobalCommand.STATUS, GlobalCommand.LANGUAGE);

    private final LocalDate today;

    public Journey(LocalDate today) {
        this.today = today;
    }

    // --- before consent: nothing is stored but the decision ------------------------------------

    /** What a citizen without consent is answered: the decision when they tap a consent button, else the notice. */
    public static FirstContact firstContact(CitizenInput input, Language noticeLanguage) {
        if (input instanceof CitizenInput.Choice c && c.id().startsWith("consent:")) {
            String[] parts = c.id().split(":");
            Language chosen = parts.length > 2 ? Language.of(parts[2]) : noticeLanguage;
            if ("accept".equals(parts[1])) {
                return new FirstContact(true, chosen, List.of(Screens.languageChoice(chosen)), Session.start(chosen));
            }
            return new FirstContact(false, chosen, List.of(new Reply.Text(Messages.text(chosen, "privacy.declined.text"))), null);
        }
        Language language = input instanceof CitizenInput.Text t ? Language.guessFrom(t.body()) : noticeLanguage;
        return new FirstContact(null, language, List.of(Screens.privacyNotice(language)), null);
    }

    /**
     * @param consent null while undecided (store nothing), true for Accept, false for Decline
     * @param session the first session after Accept
     */
    public record FirstContact(Boolean consent, Language language, List<Reply> replies, Session session) {
    }

    // --- after consent --------------------------------------------------------------------------

    public Step step(Session session, CitizenInput input, Facts facts) {
        if (session.state() == JourneyState.HANDOVER) {
            return inHandover(session, input, facts);
        }
        if (session.state() == JourneyState.CONFIRMING_ERASURE && session.previous() == JourneyState.HANDOVER) {
            return confirmErasureInHandover(session, input);
        }
        Step step = journeyStep(session, input, facts);
        if (!(step instanceof Step.Done done)) {
            return step;
        }
        if (done.session().misunderstood() > session.misunderstood()) {
            return done.session().misunderstood() >= MISUNDERSTOOD_LIMIT
                    ? handover(session, HandoverRequested.Reason.NOT_UNDERSTOOD, input, facts) : done;
        }
        return done.session().misunderstood() == 0 ? done : new Step.Done(done.session().withMisunderstood(0), done.replies(), done.effects());
    }

    private Step journeyStep(Session session, CitizenInput input, Facts facts) {
        Optional<GlobalCommand.Detected> command = GlobalCommand.detect(input);
        if (command.isPresent() && command.get().command() == GlobalCommand.OFFICER && GlobalCommand.isOfficerWordAlone(input)
                && (session.state() == JourneyState.COLLECTING || session.state() == JourneyState.ANSWERING_QUESTION)) {
            command = Optional.empty();
        }
        if (command.isPresent() && !isAnswerToLanguageChoice(session, input)) {
            return command(session, command.get(), input, facts);
        }
        if (input instanceof CitizenInput.Other && session.state() != JourneyState.ANSWERING_QUESTION
                && !(session.state() == JourneyState.COLLECTING)) {
            return misunderstood(session, text(session, "unsupported.text"));
        }
        return switch (session.state()) {
            case CHOOSING_LANGUAGE -> chooseLanguage(session, input, facts);
            case MENU, DEPARTMENT, POPULAR, SEARCH_RESULTS, STATUS_LIST, SERVICE_DETAILS -> browse(session, input, facts);
            case COLLECTING -> collect(session, input, facts);
            case CONFIRMING -> confirm(session, input, facts);
            case EDITING -> edit(session, input, facts);
            case ANSWERING_QUESTION -> answerQuestion(session, input, facts);
            case CONFIRMING_ERASURE -> confirmErasure(session, input, facts);
            case HANDOVER -> inHandover(session, input, facts);
        };
    }

    private Step command(Session s, GlobalCommand.Detected detected, CitizenInput input, Facts facts) {
        Language l = s.language();
        return switch (detected.command()) {
            case GREETING, MENU -> menu(s, 1, facts, List.of());
            case HELP -> Step.done(s, text(s, "help.text"));
            case BACK -> back(s, facts);
            case CANCEL -> inDraft(s)
                    ? Step.done(Session.menu(l), List.of(text(s, "cancelled.text")))
                    : menu(s, 1, facts, List.of());
            case STATUS -> status(s, detected.reference(), facts);
            case LANGUAGE -> Step.done(s.inState(JourneyState.CHOOSING_LANGUAGE), Screens.languageChoice(l));
            case DELETE_MY_DATA -> Step.done(s.inState(JourneyState.CONFIRMING_ERASURE), Screens.eraseConfirmation(l));
            case OFFICER -> handover(s, HandoverRequested.Reason.ASKED, input, facts);
        };
    }

    private Step chooseLanguage(Session s, CitizenInput input, Facts facts) {
        Optional<Language> chosen = Optional.empty();
        if (input instanceof CitizenInput.Choice c && c.id().startsWith("lang:")) {
            chosen = Language.parse(c.id().substring(5));
        } else if (input instanceof CitizenInput.Text t) {
            String typed = GlobalCommand.normalize(t.body());
            chosen = switch (typed) {
                case "1", "english", "eng", "ఇంగ్లీష్", "अंग्रेज़ी", "अंग्रेजी" -> Optional.of(Language.EN);
                case "2", "telugu", "తెలుగు", "तेलुगु" -> Optional.of(Language.TE);
                case "3", "hindi", "हिंदी", "हिन्दी", "హిందీ" -> Optional.of(Language.HI);
                default -> Optional.empty();
            };
        }
        if (chosen.isEmpty()) {
            return Step.done(s, Screens.languageChoice(s.language()));
        }
        Session next = Session.menu(chosen.get());
        List<Effect> effects = new ArrayList<>();
        effects.add(new Effect.ChangeLanguage(chosen.get()));
        Step menu = menu(next, 1, facts, effects);
        if (menu instanceof Step.Done done) {
            List<Reply> replies = new ArrayList<>();
            replies.add(new Reply.Text(Messages.text(chosen.get(), "language.changed.text")));
            replies.addAll(done.replies());
            return new Step.Done(done.session(), replies, done.effects());
        }
        return menu;
    }

    /** Lists and service details: a row or button chosen, a page turned, or text typed (a search). */
    private Step browse(Session s, CitizenInput input, Facts facts) {
        if (input instanceof CitizenInput.Choice c) {
            String id = c.id();
            if (id.startsWith("dept:")) {
                return department(s.browsing(JourneyState.DEPARTMENT, 1, id.substring(5), null), facts);
            }
            if (id.startsWith("svc:")) {
                return serviceDetails(s, id.substring(4), facts);
            }
            if (id.startsWith("page:")) {
                int page = parsePage(id.substring(5));
                return s.state() == JourneyState.DEPARTMENT ? department(s.browsing(JourneyState.DEPARTMENT, page, s.departmentId(), null), facts)
                        : menu(s, page, facts, List.of());
            }
            if (id.equals("popular")) {
                return popular(s, facts);
            }
            if (id.equals("status")) {
                return status(s, null, facts);
            }
            if (id.startsWith("app:")) {
                return status(s, id.substring(4), facts);
            }
            if (id.startsWith("pay:")) {
                return Step.done(s, List.of(), new Effect.PayAgain(id.substring(4)));
            }
            if (id.equals("apply") && s.state() == JourneyState.SERVICE_DETAILS) {
                return startApplication(s, facts);
            }
            if (id.equals("back")) {
                return back(s, facts);
            }
            if (id.startsWith("lang:")) {
                return chooseLanguage(s, input, facts);
            }
            return menu(s, 1, facts, List.of());
        }
        if (input instanceof CitizenInput.Text t && !t.body().isBlank()) {
            return search(s, t.body().trim(), facts);
        }
        return misunderstood(s, text(s, "unsupported.text"));
    }

    private Step menu(Session s, int page, Facts facts, List<Effect> effects) {
        Need need = new Need.Departments(page);
        if (!facts.has(need)) {
            return Step.need(need);
        }
        if (facts.isUnavailable(need)) {
            return new Step.Done(s, List.of(text(s, "catalogue.unavailable.text")), effects);
        }
        Session next = s.browsing(JourneyState.MENU, page, null, null).withLanguage(s.language());
        return new Step.Done(next, List.of(Screens.menu(s.language(), facts.page(need))), effects);
    }

    private Step department(Session s, Facts facts) {
        Need need = new Need.DepartmentServices(s.departmentId(), s.page());
        if (!facts.has(need)) {
            return Step.need(need);
        }
        if (facts.isUnavailable(need)) {
            return Step.done(s, text(s, "catalogue.unavailable.text"));
        }
        Facts.Page page = facts.page(need);
        return Step.done(s, Screens.services(s.language(), Messages.text(s.language(), "department.body", page.title()), page));
    }

    private Step popular(Session s, Facts facts) {
        Need need = new Need.Popular();
        if (!facts.has(need)) {
            return Step.need(need);
        }
        if (facts.isUnavailable(need)) {
            return Step.done(s, text(s, "catalogue.unavailable.text"));
        }
        return Step.done(s.browsing(JourneyState.POPULAR, 1, null, null),
                Screens.serviceList(s.language(), Messages.text(s.language(), "popular.body"), facts.items(need)));
    }

    private Step search(Session s, String typed, Facts facts) {
        // An Aadhaar number typed into a search, in clear or as the gateway's token or masked form, never reaches
        // the catalogue (nor its cache of answers), the session, or the reply that repeats the search.
        String query = AadhaarForms.redact(typed);
        if (query.isBlank()) {
            return misunderstood(s, new Reply.Text(Messages.text(s.language(), "search.none.text", "…")));
        }
        Need need = new Need.Search(query);
        if (!facts.has(need)) {
            return Step.need(need);
        }
        if (facts.isUnavailable(need)) {
            return Step.done(s, text(s, "catalogue.unavailable.text"));
        }
        List<Facts.Item> found = facts.items(need);
        if (found.isEmpty()) {
            return misunderstood(s, new Reply.Text(Messages.text(s.language(), "search.none.text", Screens.cut(query, 100))));
        }
        return Step.done(s.browsing(JourneyState.SEARCH_RESULTS, 1, null, query),
                Screens.serviceList(s.language(), Messages.text(s.language(), "search.results.body", Screens.cut(query, 100)),
                        found.stream().limit(Screens.SEARCH_RESULTS).toList()));
    }

    private Step serviceDetails(Session s, String serviceId, Facts facts) {
        Need.Service need = new Need.Service(serviceId);
        if (!facts.has(need)) {
            return Step.need(need);
        }
        Optional<ServiceDefinition> service = facts.service(need);
        if (service.isEmpty()) {
            return Step.done(s, text(s, "catalogue.unavailable.text"));
        }
        return new Step.Done(s.atService(serviceId, service.get().version()), Screens.serviceDetails(s.language(), service.get()), List.of());
    }

    private Step startApplication(Session s, Facts facts) {
        Optional<ServiceDefinition> service = serviceOf(s, facts);
        if (service.isEmpty()) {
            return facts.has(new Need.Service(s.serviceId())) ? Step.done(s, text(s, "catalogue.unavailable.text")) : Step.need(new Need.Service(s.serviceId()));
        }
        if (service.get().fields() == null || service.get().fields().isEmpty()) {
            return Step.done(s.confirming(Map.of()), Screens.summary(s.language(), service.get(), Map.of()));
        }
        Session next = s.collecting(0, Map.of(), false);
        return Step.done(next, Screens.question(s.language(), service.get(), 0));
    }

    /** One answer: checked, stored in canonical form, then the next question or the summary. */
    private Step collect(Session s, CitizenInput input, Facts facts) {
        Optional<ServiceDefinition> found = serviceOf(s, facts);
        if (found.isEmpty()) {
            return facts.has(new Need.Service(s.serviceId())) ? Step.done(s, text(s, "catalogue.unavailable.text")) : Step.need(new Need.Service(s.serviceId()));
        }
        ServiceDefinition service = found.get();
        if (s.fieldIndex() >= service.fields().size()) {
            return Step.done(s.confirming(s.answers()), Screens.summary(s.language(), service, s.answers()));
        }
        FieldDefinition field = service.fields().get(s.fieldIndex());
        List<Effect> effects = new ArrayList<>();
        Answer answer;
        if (!field.required() && isSkip(s, input)) {
            answer = Answer.skipped();
        } else if (input instanceof CitizenInput.Other) {
            return misunderstood(s, Screens.invalid(s.language(), service, s.fieldIndex(), new Validated.Invalid("field.invalid.needs.text")));
        } else {
            Validated validated = FieldValidation.check(field, input, s.language(), today, facts);
            if (validated instanceof Validated.NeedsVault needs) {
                return Step.need(new Need.Protect(needs.text()));
            }
            if (validated instanceof Validated.Invalid invalid) {
                return misunderstood(s, Screens.invalid(s.language(), service, s.fieldIndex(), invalid));
            }
            answer = ((Validated.Valid) validated).answer();
        }
        Map<String, Answer> answers = new LinkedHashMap<>(s.answers());
        answers.put(field.id(), answer);
        int next = s.fieldIndex() + 1;
        if (!s.editing() && next >= service.fields().size() && service.looksUp()) {
            // Answered at once by the department's system: nothing to confirm (a wrong number is answered "not found").
            effects.add(new Effect.LookUp(service, answers));
            return new Step.Done(Session.menu(s.language()), List.of(), effects);
        }
        if (s.editing() || next >= service.fields().size()) {
            return new Step.Done(s.confirming(answers), List.of(Screens.summary(s.language(), service, answers)), effects);
        }
        return new Step.Done(s.collecting(next, answers, false), List.of(Screens.question(s.language(), service, next)), effects);
    }

    private Step confirm(Session s, CitizenInput input, Facts facts) {
        Optional<ServiceDefinition> found = serviceOf(s, facts);
        if (found.isEmpty()) {
            return facts.has(new Need.Service(s.serviceId())) ? Step.done(s, text(s, "catalogue.unavailable.text")) : Step.need(new Need.Service(s.serviceId()));
        }
        ServiceDefinition service = found.get();
        String chosen = input instanceof CitizenInput.Choice c ? c.id() : input instanceof CitizenInput.Text t ? GlobalCommand.normalize(t.body()) : "";
        return switch (chosen) {
            case "confirm", "yes", "ok", "confirm application", "అవును", "हाँ", "हां" ->
                    Step.done(Session.menu(s.language()), List.of(), new Effect.Submit(service, s.answers()));
            case "edit" -> Step.done(s.inState(JourneyState.EDITING), Screens.editChoice(s.language(), service));
            default -> Step.done(s, Screens.summary(s.language(), service, s.answers()));
        };
    }

    private Step edit(Session s, CitizenInput input, Facts facts) {
        Optional<ServiceDefinition> found = serviceOf(s, facts);
        if (found.isEmpty()) {
            return facts.has(new Need.Service(s.serviceId())) ? Step.done(s, text(s, "catalogue.unavailable.text")) : Step.need(new Need.Service(s.serviceId()));
        }
        ServiceDefinition service = found.get();
        if (input instanceof CitizenInput.Choice c && c.id().startsWith("edit:")) {
            String fieldId = c.id().substring(5);
            for (int i = 0; i < service.fields().size(); i++) {
                if (service.fields().get(i).id().equals(fieldId)) {
                    return Step.done(s.collecting(i, s.answers(), true), Screens.question(s.language(), service, i));
                }
            }
        }
        return Step.done(s, Screens.editChoice(s.language(), service));
    }

    private Step answerQuestion(Session s, CitizenInput input, Facts facts) {
        Answer answer;
        List<Effect> effects = new ArrayList<>();
        if (input instanceof CitizenInput.Text t && !t.body().isBlank()) {
            // A free-text answer may hold an Aadhaar number: it is kept and reaches the department only as a token bound to the citizen.
            String typed = Screens.cut(t.body().trim(), 4000);
            Kept said = kept(typed, facts);
            if (said == null) {
                return Step.need(new Need.Protect(typed));
            }
            answer = Answer.text(said.text(), said.text());
        } else if (input instanceof CitizenInput.Media m) {
            answer = new Answer(null, null, null, new Answer.MediaRef(m.mediaId(), m.mimeType(), m.filename()), null,
                    Messages.text(s.language(), "summary.media"));
        } else if (input instanceof CitizenInput.SharedLocation l) {
            answer = new Answer(null, null, new Answer.Place(l.latitude(), l.longitude(), l.address()), null, null,
                    Messages.text(s.language(), "summary.location"));
        } else {
            return misunderstood(s, text(s, "field.invalid.needs.text"));
        }
        effects.add(new Effect.ProvideInformation(s.applicationRef(), s.questionId(), answer));
        return new Step.Done(Session.menu(s.language()), List.of(new Reply.Text(Messages.text(s.language(), "outcome.answer.sent.text",
                s.applicationRef()))), effects);
    }

    private Step confirmErasure(Session s, CitizenInput input, Facts facts) {
        if (input instanceof CitizenInput.Choice c && c.id().equals("erase:yes")) {
            return Step.done(s, List.of(), new Effect.Erase());
        }
        if (input instanceof CitizenInput.Choice c && c.id().equals("erase:no")) {
            return Step.done(Session.menu(s.language()), text(s, "erase.kept.text"));
        }
        return Step.done(s, Screens.eraseConfirmation(s.language()));
    }

    // --- handover to an officer --------------------------------------------------------------------

    /**
     * Hands the citizen over to the desk of the department they were in: the service they were looking
     * at or applying for, else the department they were browsing, else (answering a department's
     * question) that application's department, else the help desk. A draft is abandoned.
     */
    private Step handover(Session s, HandoverRequested.Reason reason, CitizenInput input, Facts facts) {
        String departmentId = s.departmentId();
        if (s.serviceId() != null) {
            Need.Service need = new Need.Service(s.serviceId());
            if (!facts.has(need)) {
                return Step.need(need);
            }
            Optional<ServiceDefinition> service = facts.service(need);
            if (service.isPresent()) {
                departmentId = service.get().departmentId();
            }
        }
        if (departmentId == null && s.applicationRef() == null) {
            departmentId = HandoverRequested.HELPDESK;
        }
        String written = written(input);
        Kept said = kept(written, facts);
        if (said == null) {
            return Step.need(new Need.Protect(written));
        }
        List<Effect> effects = new ArrayList<>();
        effects.add(new Effect.RequestHandover(departmentId, reason, s.serviceId(), s.applicationRef(), forOfficer(said.text())));
        String key = reason == HandoverRequested.Reason.ASKED ? "handover.started.text" : "handover.not_understood.text";
        return new Step.Done(Session.handover(s.language()), List.of(text(s, key)), effects);
    }

    /** During a handover everything goes to the officer, without a bot reply; "delete my data" still works. */
    private Step inHandover(Session s, CitizenInput input, Facts facts) {
        Optional<GlobalCommand.Detected> command = GlobalCommand.detect(input);
        if (command.isPresent() && command.get().command() == GlobalCommand.DELETE_MY_DATA) {
            return Step.done(s.confirmingErasureInHandover(), Screens.eraseConfirmation(s.language()));
        }
        if (input instanceof CitizenInput.Media m) {
            return Step.done(s, List.of(), new Effect.ForwardToOfficer(null, new Answer.MediaRef(m.mediaId(), m.mimeType(), m.filename())));
        }
        if (input instanceof CitizenInput.Other) {
            return Step.done(s, text(s, "handover.unsupported.text"));
        }
        List<Reply> replies = command.isPresent() && NAVIGATION.contains(command.get().command())
                ? List.of(text(s, "handover.still.text")) : List.of();
        String written = forOfficer(written(input));
        if (written == null) {
            return new Step.Done(s, replies, List.of());
        }
        Kept said = kept(written, facts);
        if (said == null) {
            return Step.need(new Need.Protect(written));
        }
        return new Step.Done(s, replies, List.of(new Effect.ForwardToOfficer(forOfficer(said.text()), null)));
    }

    private Step confirmErasureInHandover(Session s, CitizenInput input) {
        if (input instanceof CitizenInput.Choice c && c.id().equals("erase:yes")) {
            return Step.done(s, List.of(), new Effect.Erase());
        }
        if (input instanceof CitizenInput.Choice c && c.id().equals("erase:no")) {
            return Step.done(Session.handover(s.language()), text(s, "erase.kept.text"));
        }
        return Step.done(s, Screens.eraseConfirmation(s.language()));
    }

    /**
     * Free text as it may be kept with the citizen or sent on: Aadhaar numbers only as tokens bound to the
     * citizen or masked. Null when the vault must be asked first ({@link Need.Protect}); nothing written stays nothing.
     */
    private static Kept kept(String text, Facts facts) {
        if (text == null || !AadhaarForms.needsVault(text)) {
            return new Kept(text == null ? null : AadhaarForms.masked(text));
        }
        Facts.Protected kept = facts.protectedText(text);
        return kept == null ? null : new Kept(kept.text());
    }

    private record Kept(String text) {
    }

    /** What the citizen wrote, as an officer would read it (a tapped button or row by its title, a location by its place). */
    private static String written(CitizenInput input) {
        if (input instanceof CitizenInput.Text t) {
            return t.body();
        }
        if (input instanceof CitizenInput.Choice c) {
            return c.title();
        }
        if (input instanceof CitizenInput.SharedLocation l) {
            String place = java.util.stream.Stream.of(l.name(), l.address()).filter(x -> x != null && !x.isBlank())
                    .collect(Collectors.joining(", "));
            return String.format(java.util.Locale.ROOT, "📍 %s(%.6f, %.6f)", place.isEmpty() ? "" : place + " ", l.latitude(), l.longitude());
        }
        return null;
    }

    /** Trimmed and within WhatsApp's (and the contract's) 4,096 characters; null when there is nothing. */
    private static String forOfficer(String text) {
        return text == null || text.isBlank() ? null : Screens.cut(text.trim(), 4096);
    }

    private static Step misunderstood(Session s, Reply reply) {
        return Step.done(s.withMisunderstood(s.misunderstood() + 1), reply);
    }

    private Step status(Session s, String reference, Facts facts) {
        Need need = new Need.Applications();
        if (!facts.has(need)) {
            return Step.need(need);
        }
        List<Facts.ApplicationInfo> applications = facts.applications();
        if (reference != null) {
            return applications.stream().filter(a -> a.reference().equalsIgnoreCase(reference)).findFirst()
                    .map(a -> Step.done(s, Screens.applicationStatus(s.language(), a)))
                    .orElseGet(() -> Step.done(s, new Reply.Text(Messages.text(s.language(), "status.unknown.text", Screens.cut(reference, 40)))));
        }
        Session next = applications.isEmpty() ? s : s.browsing(JourneyState.STATUS_LIST, 1, null, null);
        return Step.done(next, Screens.applications(s.language(), applications));
    }

    /** One step back, as the citizen would expect from where they are. */
    private Step back(Session s, Facts facts) {
        return switch (s.state()) {
            case COLLECTING -> {
                if (s.fieldIndex() > 0 && !s.editing()) {
                    Optional<ServiceDefinition> service = serviceOf(s, facts);
                    if (service.isEmpty()) {
                        yield Step.need(new Need.Service(s.serviceId()));
                    }
                    yield Step.done(s.collecting(s.fieldIndex() - 1, s.answers(), false), Screens.question(s.language(), service.get(), s.fieldIndex() - 1));
                }
                yield s.editing() ? confirm(s.confirming(s.answers()), new CitizenInput.Text(""), facts) : serviceDetails(s, s.serviceId(), facts);
            }
            case CONFIRMING, EDITING -> {
                Optional<ServiceDefinition> service = serviceOf(s, facts);
                if (service.isEmpty()) {
                    yield Step.need(new Need.Service(s.serviceId()));
                }
                int last = service.get().fields().size() - 1;
                yield last < 0 ? serviceDetails(s, s.serviceId(), facts)
                        : Step.done(s.collecting(last, s.answers(), false), Screens.question(s.language(), service.get(), last));
            }
            case SERVICE_DETAILS -> {
                JourneyState from = s.previous();
                if (from == JourneyState.DEPARTMENT && s.departmentId() != null) {
                    yield department(s.browsing(JourneyState.DEPARTMENT, s.page(), s.departmentId(), null), facts);
                }
                if (from == JourneyState.SEARCH_RESULTS && s.query() != null) {
                    yield search(s, s.query(), facts);
                }
                if (from == JourneyState.POPULAR) {
                    yield popular(s, facts);
                }
                yield menu(s, 1, facts, List.of());
            }
            case DEPARTMENT, POPULAR, SEARCH_RESULTS, STATUS_LIST -> menu(s, 1, facts, List.of());
            case MENU -> s.page() > 1 ? menu(s, s.page() - 1, facts, List.of()) : Step.done(s, text(s, "back.nothing.text"));
            default -> menu(s, 1, facts, List.of());
        };
    }

    private Optional<ServiceDefinition> serviceOf(Session s, Facts facts) {
        return s.serviceId() == null ? Optional.empty() : facts.service(new Need.Service(s.serviceId()));
    }

    private static boolean inDraft(Session s) {
        return s.state() == JourneyState.COLLECTING || s.state() == JourneyState.CONFIRMING || s.state() == JourneyState.EDITING;
    }

    private static boolean isSkip(Session s, CitizenInput input) {
        if (!(input instanceof CitizenInput.Text t)) {
            return false;
        }
        String typed = GlobalCommand.normalize(t.body());
        return typed.equals("skip") || typed.equals(GlobalCommand.normalize(Messages.text(s.language(), "field.skip.keyword")));
    }

    private static boolean isAnswerToLanguageChoice(Session s, CitizenInput input) {
        return s.state() == JourneyState.CHOOSING_LANGUAGE && input instanceof CitizenInput.Choice c && c.id().startsWith("lang:");
    }

    private static int parsePage(String text) {
        try {
            return Math.max(1, Math.min(1000, Integer.parseInt(text)));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static Reply text(Session s, String key) {
        return new Reply.Text(Messages.text(s.language(), key));
    }
}
