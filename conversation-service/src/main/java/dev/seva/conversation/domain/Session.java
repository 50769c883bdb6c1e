package dev.seva.conversation.domain;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A citizen's place in the journey and what they have said so far. Immutable: every step makes a new
 * one. {@code previous} is the state "back" returns to from a list or the service details (and, in
 * CONFIRMING_ERASURE, HANDOVER when "delete my data" was asked during a handover). {@code misunderstood}
 * counts the inputs the bot failed to understand in a row (three lead to a handover; see {@link Journey}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Session(
        JourneyState state,
        Language language,
        int page,
        String departmentId,
        String query,
        String serviceId,
        Integer serviceVersion,
        int fieldIndex,
        Map<String, Answer> answers,
        boolean editing,
        JourneyState previous,
        String applicationRef,
        String questionId,
        int misunderstood) {

    public Session {
        answers = answers == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(answers));
    }

    public static Session start(Language language) {
        return new Session(JourneyState.CHOOSING_LANGUAGE, language, 1, null, null, null, null, 0, Map.of(), false, null, null, null, 0);
    }

    public static Session menu(Language language) {
        return new Session(JourneyState.MENU, language, 1, null, null, null, null, 0, Map.of(), false, null, null, null, 0);
    }

    public Session inState(JourneyState next) {
        return new Session(next, language, page, departmentId, query, serviceId, serviceVersion, fieldIndex, answers, editing, previous,
                applicationRef, questionId, misunderstood);
    }

    public Session withLanguage(Language next) {
        return new Session(state, next, page, departmentId, query, serviceId, serviceVersion, fieldIndex, answers, editing, previous,
                applicationRef, questionId, misunderstood);
    }

    public Session browsing(JourneyState list, int newPage, String department, String newQuery) {
        return new Session(list, language, newPage, department, newQuery, null, null, 0, Map.of(), false, null, null, null, 0);
    }

    public Session atService(String id, int version) {
        JourneyState from = state == JourneyState.SERVICE_DETAILS ? previous : state;
        return new Session(JourneyState.SERVICE_DETAILS, language, page, departmentId, query, id, version, 0, Map.of(), false, from,
                null, null, 0);
    }

    public Session collecting(int index, Map<String, Answer> newAnswers, boolean isEditing) {
        return new Session(JourneyState.COLLECTING, language, page, departmentId, query, serviceId, serviceVersion, index, newAnswers,
                isEditing, previous, null, null, 0);
    }

    public Session confirming(Map<String, Answer> newAnswers) {
        return new Session(JourneyState.CONFIRMING, language, page, departmentId, query, serviceId, serviceVersion, fieldIndex,
                newAnswers, false, previous, null, null, 0);
    }

    public Session answering(String reference, String question) {
        return new Session(JourneyState.ANSWERING_QUESTION, language, 1, null, null, null, null, 0, Map.of(), false, null, reference, question, 0);
    }

    /** Handed over to an officer: nothing of the journey is kept (a draft is discarded when the handover starts). */
    public static Session handover(Language language) {
        return new Session(JourneyState.HANDOVER, language, 1, null, null, null, null, 0, Map.of(), false, null, null, null, 0);
    }

    /** "Delete my data" asked during a handover: No returns to the handover. */
    public Session confirmingErasureInHandover() {
        return new Session(JourneyState.CONFIRMING_ERASURE, language, 1, null, null, null, null, 0, Map.of(), false, JourneyState.HANDOVER,
                null, null, 0);
    }

    public Session withMisunderstood(int count) {
        return new Session(state, language, page, departmentId, query, serviceId, serviceVersion, fieldIndex, answers, editing, previous,
                applicationRef, questionId, count);
    }
}
