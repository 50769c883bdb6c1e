package dev.seva.conversation.domain;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Commands that work in every state, typed in any of the three languages (also in Latin letters),
 * or tapped (ids {@code cmd:<name>}).
 */
public enum GlobalCommand {
    GREETING, MENU, HELP, BACK, CANCEL, STATUS, LANGUAGE, DELETE_MY_DATA,
    /** "Talk to an officer": hand the citizen over to a person in the department's desk. */
    OFFICER;

    public static final String ID_PREFIX = "cmd:";
    private static final Pattern REFERENCE = Pattern.compile("(?i)\\bSEVA-[A-Z]{2,6}-[0-9]{4}-[0-9]{6,}\\b");

    private static final Map<GlobalCommand, Set<String>> WORDS = Map.of(
            GREETING, Set.of("hi", "hii", "hello", "hey", "namaste", "namaskar", "namaskaram", "start", "నమస్కారం", "నమస్తే", "హలో",
                    "नमस्ते", "नमस्कार", "हेलो", "हैलो"),
            MENU, Set.of("menu", "main menu", "services", "మెనూ", "మెను", "సేవలు", "मेनू", "मेन्यू", "सेवाएं", "सेवाएँ"),
            HELP, Set.of("help", "?", "సహాయం", "help me", "sahayam", "मदद", "सहायता", "madad"),
            BACK, Set.of("back", "go back", "previous", "వెనుకకు", "వెనక్కి", "venakki", "पीछे", "वापस", "peeche", "vapas"),
            CANCEL, Set.of("cancel", "stop", "రద్దు", "raddu", "रद्द", "रद्द करें", "radd"),
            STATUS, Set.of("status", "my applications", "track", "స్థితి", "నా దరఖాస్తులు", "sthiti", "स्थिति", "मेरे आवेदन"),
            LANGUAGE, Set.of("language", "change language", "భాష", "bhasha", "भाषा"),
            DELETE_MY_DATA, Set.of("delete my data", "delete my details", "erase my data", "forget me",
                    "నా డేటాను తొలగించు", "నా వివరాలు తొలగించు", "నా డేటా తొలగించండి", "naa data tolaginchu",
                    "मेरा डेटा हटाओ", "मेरा डेटा हटाएं", "मेरा डेटा मिटाओ", "mera data hatao"),
            OFFICER, Set.of("talk to an officer", "talk to officer", "talk to the officer", "speak to an officer", "speak to officer",
                    "officer", "an officer", "agent", "talk to agent", "talk to an agent", "human", "talk to human", "talk to a human",
                    "a human", "real person", "talk to a person", "talk to someone", "customer care",
                    "అధికారితో మాట్లాడాలి", "అధికారితో మాట్లాడతాను", "అధికారితో మాట్లాడాలనుకుంటున్నాను", "అధికారి", "అధికారిని పిలవండి",
                    "adhikari", "adhikaritho matladali", "adhikaritho matladatanu", "officer tho matladali",
                    "अधिकारी से बात करनी है", "अधिकारी से बात करना है", "अधिकारी से बात करें", "अधिकारी से बात कराओ", "अधिकारी",
                    "adhikari se baat karni hai", "adhikari se baat", "adhikari se baat karna hai", "officer se baat karni hai"));

    /**
     * "Officer" alone (not "talk to an officer") may be an answer, e.g. to "What is your father's
     * occupation?": while a question is open only the longer forms hand the citizen over.
     */
    private static final Set<String> OFFICER_WORD_ALONE = Set.of("officer", "an officer", "agent", "human", "a human",
            "అధికారి", "अधिकारी", "adhikari");

    /** Whether the input is only a word for an officer, which could also be an answer. */
    public static boolean isOfficerWordAlone(CitizenInput input) {
        return input instanceof CitizenInput.Text t && t.body() != null && OFFICER_WORD_ALONE.contains(normalize(t.body()));
    }

    /** The command and, for STATUS, the reference number given with it. */
    public record Detected(GlobalCommand command, String reference) {
    }

    public static Optional<Detected> detect(CitizenInput input) {
        if (input instanceof CitizenInput.Choice c && c.id().startsWith(ID_PREFIX)) {
            String name = c.id().substring(ID_PREFIX.length()).toUpperCase(Locale.ROOT);
            for (GlobalCommand command : values()) {
                if (command.name().equals(name)) {
                    return Optional.of(new Detected(command, null));
                }
            }
        }
        if (!(input instanceof CitizenInput.Text t) || t.body() == null) {
            return Optional.empty();
        }
        String text = normalize(t.body());
        Matcher ref = REFERENCE.matcher(t.body());
        if (ref.find()) {
            String reference = ref.group().toUpperCase(Locale.ROOT);
            String rest = normalize(ref.replaceAll(" ")).trim();
            if (rest.isEmpty() || WORDS.get(STATUS).contains(rest)) {
                return Optional.of(new Detected(STATUS, reference));
            }
        }
        for (Map.Entry<GlobalCommand, Set<String>> entry : WORDS.entrySet()) {
            if (entry.getValue().contains(text)) {
                return Optional.of(new Detected(entry.getKey(), null));
            }
        }
        return Optional.empty();
    }

    static String normalize(String text) {
        String lower = Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT).trim();
        return lower.replaceAll("[\\s]+", " ").replaceAll("^[\\p{Punct}\\s]+|[\\p{Punct}\\s।]+$", "");
    }
}
