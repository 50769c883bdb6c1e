package dev.seva.conversation.domain;

/** Where a citizen is in the journey. The transitions are all in {@link Journey}. */
public enum JourneyState {
    /** Consented; choosing English, Telugu or Hindi. */
    CHOOSING_LANGUAGE,
    /** The main menu: departments, popular services, my applications. */
    MENU,
    /** A department's services. */
    DEPARTMENT,
    /** The popular services. */
    POPULAR,
    /** Results of a free-text search. */
    SEARCH_RESULTS,
    /** One service's fee, days and documents, with Apply. */
    SERVICE_DETAILS,
    /** Answering the service's fields, one at a time. */
    COLLECTING,
    /** The summary: Confirm, Edit or Cancel. */
    CONFIRMING,
    /** Choosing which answer to change. */
    EDITING,
    /** The list of the citizen's applications. */
    STATUS_LIST,
    /** A department asked a question about an application; the next message is the answer. */
    ANSWERING_QUESTION,
    /** "Delete my data" asked; waiting for Yes or No. */
    CONFIRMING_ERASURE,
    /**
     * Handed over to an officer: every message goes to the officer's desk, the bot stays silent until
     * the officer closes the thread (then MENU). Only "delete my data" still works.
     */
    HANDOVER
}
