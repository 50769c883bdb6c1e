package dev.seva.conversation.domain;

import dev.seva.contracts.catalogue.ServiceDefinition;
import dev.seva.contracts.handover.HandoverRequested;

import java.util.Map;

/** What a step asks the service to do besides replying and saving the session. */
public sealed interface Effect {

    /** The citizen chose a language. */
    record ChangeLanguage(Language language) implements Effect {
    }

    /** Submit the application: reference number, department event, confirmation reply. */
    record Submit(ServiceDefinition service, Map<String, Answer> answers) implements Effect {
    }

    /** Ask the department's system at once (a look-up service): a bill due, a result, a status. */
    record LookUp(ServiceDefinition service, Map<String, Answer> answers) implements Effect {
    }

    /** A new payment request for an application whose order expired unpaid ("Pay again"). */
    record PayAgain(String applicationRef) implements Effect {
    }

    /** Send the department the answer to its question. */
    record ProvideInformation(String applicationRef, String questionId, Answer answer) implements Effect {
    }

    /** Erase everything about the citizen and tell every service. */
    record Erase() implements Effect {
    }

    /**
     * Open a handover thread in the desk of {@code departmentId} ({@code null}: the department of
     * {@code applicationRef} when there is one, else the help desk). {@code text} is what the citizen
     * last wrote, Aadhaar numbers only as bound tokens or masked (see {@link AadhaarForms}).
     */
    record RequestHandover(String departmentId, HandoverRequested.Reason reason, String serviceId, String applicationRef, String text)
            implements Effect {
    }

    /** Pass what the citizen sent during a handover to the officer: text (Aadhaar tokenized) or a photo/document. */
    record ForwardToOfficer(String text, Answer.MediaRef media) implements Effect {
    }
}
