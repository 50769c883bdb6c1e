package dev.seva.conversation.domain;

import java.util.List;

/** The outcome of one input: either a fact to fetch first, or the new session with replies and effects. */
public sealed interface Step {

    record NeedFacts(Need need) implements Step {
    }

    record Done(Session session, List<Reply> replies, List<Effect> effects) implements Step {
        public Done {
            replies = List.copyOf(replies);
            effects = List.copyOf(effects);
        }
    }

    static Step need(Need need) {
        return new NeedFacts(need);
    }

    static Step done(Session session, List<Reply> replies, Effect... effects) {
        return new Done(session, replies, List.of(effects));
    }

    static Step done(Session session, Reply reply, Effect... effects) {
        return new Done(session, List.of(reply), List.of(effects));
    }
}
