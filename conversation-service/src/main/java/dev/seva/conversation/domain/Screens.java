package dev.seva.conversation.domain;

import dev.seva.contracts.LocalizedText;
import dev.seva.contracts.catalogue.FieldDefinition;
import dev.seva.contracts.catalogue.ServiceDefinition;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What each screen of the journey looks like, within WhatsApp's limits: list rows (≤ 10, title ≤ 24,
 * description ≤ 72), reply buttons (≤ 3, title ≤ 20, body ≤ 1,024), texts (≤ 4,096). Catalogue text
 * that could be longer is cut at a character boundary with an ellipsis.
 */
final class Screens {

    static final int MENU_DEPARTMENTS_PER_PAGE = 7;
    static final int SERVICES_PER_PAGE = 9;
    static final int SEARCH_RESULTS = 8;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd-MM-yyyy").withZone(ZoneId.of("Asia/Kolkata"));

    private Screens() {
    }

    static Reply languageChoice(Language language) {
        return new Reply.Buttons(Messages.text(language, "language.choose.body"), List.of(
                new Reply.Button("lang:en", Messages.text(language, "language.en.button")),
                new Reply.Button("lang:te", Messages.text(language, "language.te.button")),
                new Reply.Button("lang:hi", Messages.text(language, "language.hi.button"))));
    }

    static Reply privacyNotice(Language language) {
        return new Reply.Buttons(Messages.text(language, "privacy.notice.body"), List.of(
                new Reply.Button("consent:accept:" + language.code(), Messages.text(language, "privacy.accept.button")),
                new Reply.Button("consent:decline:" + language.code(), Messages.text(language, "privacy.decline.button"))));
    }

    /** The main menu: popular and my applications first, then a page of departments, then "more". */
    static Reply menu(Language l, Facts.Page departments) {
        List<Reply.Row> rows = new ArrayList<>();
        if (departments.page() == 1) {
            rows.add(new Reply.Row("popular", Messages.text(l, "menu.popular.row"), Messages.text(l, "menu.popular.rowdesc")));
            rows.add(new Reply.Row("status", Messages.text(l, "menu.status.row"), Messages.text(l, "menu.status.rowdesc")));
        }
        departments.items().forEach(d -> rows.add(new Reply.Row("dept:" + d.id(), cut(d.title(), 24), cut(d.description(), 72))));
        if (departments.page() < departments.pages()) {
            rows.add(new Reply.Row("page:" + (departments.page() + 1), Messages.text(l, "menu.more.row"),
                    Messages.text(l, "menu.more.rowdesc", departments.page() + 1, departments.pages())));
        }
        return new Reply.ListMessage(Messages.text(l, "menu.header"), Messages.text(l, "menu.body"), Messages.text(l, "menu.list"), rows);
    }

    static Reply services(Language l, String body, Facts.Page page) {
        List<Reply.Row> rows = new ArrayList<>();
        page.items().forEach(s -> rows.add(new Reply.Row("svc:" + s.id(), cut(s.title(), 24), cut(s.description(), 72))));
        if (page.page() < page.pages()) {
            rows.add(new Reply.Row("page:" + (page.page() + 1), Messages.text(l, "department.more.row"),
                    Messages.text(l, "department.more.rowdesc", page.page() + 1, page.pages())));
        }
        return new Reply.ListMessage(null, cut(body, 1024), Messages.text(l, "search.pick.list"), rows);
    }

    static Reply serviceList(Language l, String body, List<Facts.Item> items) {
        List<Reply.Row> rows = items.stream().limit(10)
                .map(s -> new Reply.Row("svc:" + s.id(), cut(s.title(), 24), cut(s.description(), 72))).toList();
        return new Reply.ListMessage(null, cut(body, 1024), Messages.text(l, "search.pick.list"), rows);
    }

    /** Fee, days, documents, and what can be done next. */
    static List<Reply> serviceDetails(Language l, ServiceDefinition s) {
        String name = s.names().in(l.code());
        switch (s.deliveryMode()) {
            case INFORMATION -> {
                return List.of(new Reply.Text(cut(Messages.text(l, "service.information.text", name, s.information().in(l.code())), 4096)),
                        navigation(l, name));
            }
            case EXTERNAL_LINK -> {
                return List.of(new Reply.Text(cut(Messages.text(l, "service.link.text", name, s.externalUrl()), 4096)), navigation(l, name));
            }
            case PAYMENT -> {
                if (s.fields() == null || s.fields().isEmpty()) {
                    return List.of(new Reply.Text(cut(Messages.text(l, "service.payment.text", name, s.externalUrl()), 4096)), navigation(l, name));
                }
            }
            default -> {
                // an application (or a payment that needs details first)
            }
        }
        if (s.looksUp()) {
            // Answered at once by the department: no fee of the catalogue, no days to wait.
            String body = Messages.text(l, s.lookup() == ServiceDefinition.Lookup.DUES ? "service.dues.body" : "service.lookup.body", name,
                    s.descriptions().in(l.code()));
            String action = s.lookup() == ServiceDefinition.Lookup.DUES ? "service.pay.button" : "service.lookup.button";
            return List.of(new Reply.Buttons(cut(body, 1024), List.of(
                    new Reply.Button("apply", Messages.text(l, action)),
                    new Reply.Button("back", Messages.text(l, "service.back.button")),
                    new Reply.Button(GlobalCommand.ID_PREFIX + "menu", Messages.text(l, "service.menu.button")))));
        }
                String documents = s.supportingDocuments() == null || s.supportingDocuments().isEmpty()
                ? Messages.text(l, "service.documents.none")
                : Messages.text(l, "service.documents.text",
                s.supportingDocuments().stream().map(d -> d.in(l.code())).collect(Collectors.joining(", ")));
        String body = Messages.text(l, "service.details.body", name, s.descriptions().in(l.code()), fee(l, s.feeRupees()),
                days(l, s.slaDays()), documents);
        String action = s.deliveryMode() == ServiceDefinition.DeliveryMode.PAYMENT ? "service.pay.button" : "service.apply.button";
        return List.of(new Reply.Buttons(cut(body, 1024), List.of(
                new Reply.Button("apply", Messages.text(l, action)),
                new Reply.Button("back", Messages.text(l, "service.back.button")),
                new Reply.Button(GlobalCommand.ID_PREFIX + "menu", Messages.text(l, "service.menu.button")))));
    }

    private static Reply navigation(Language l, String name) {
        return new Reply.Buttons(cut(name, 1024), List.of(
                new Reply.Button("back", Messages.text(l, "service.back.button")),
                new Reply.Button(GlobalCommand.ID_PREFIX + "menu", Messages.text(l, "service.menu.button"))));
    }

    /** The question for field {@code index}: a list for a choice, a text otherwise. */
    static Reply question(Language l, ServiceDefinition s, int index) {
        FieldDefinition field = s.fields().get(index);
        StringBuilder prompt = new StringBuilder(Messages.text(l, "field.progress.text", index + 1, s.fields().size(), field.prompts().in(l.code())));
        switch (field.type()) {
            case LOCATION, ADDRESS -> prompt.append("\n").append(Messages.text(l, "field.location.hint"));
            case MEDIA -> prompt.append("\n").append(Messages.text(l, "field.media.hint"));
            default -> {
                // the prompt says it all
            }
        }
        if (!field.required()) {
            prompt.append("\n").append(Messages.text(l, "field.optional.hint"));
        }
        if (field.type() == FieldDefinition.FieldType.CHOICE && field.options() != null) {
            List<Reply.Row> rows = field.options().stream().limit(10)
                    .map(o -> new Reply.Row(Journey.OPTION_PREFIX + o.id(), cut(o.labels().in(l.code()), 24), null)).toList();
            return new Reply.ListMessage(null, cut(prompt.toString(), 1024), Messages.text(l, "field.choice.list"), rows);
        }
        return new Reply.Text(cut(prompt.toString(), 4096));
    }

    static Reply invalid(Language l, ServiceDefinition s, int index, Validated.Invalid invalid) {
        FieldDefinition field = s.fields().get(index);
        return new Reply.Text(cut(Messages.text(l, "field.invalid.text", Messages.text(l, invalid.reasonKey(), invalid.args()),
                field.prompts().in(l.code())), 4096));
    }

    static Reply summary(Language l, ServiceDefinition s, Map<String, Answer> answers) {
        StringBuilder lines = new StringBuilder();
        for (FieldDefinition field : s.fields()) {
            Answer answer = answers.get(field.id());
            String shown = answer == null || answer.isSkipped() ? Messages.text(l, "summary.skipped") : answer.display();
            lines.append("• ").append(label(field, l)).append(": ").append(cut(shown, 120)).append('\n');
        }
        String body = Messages.text(l, "summary.body", s.names().in(l.code()), lines.toString().trim(), fee(l, s.feeRupees()));
        return new Reply.Buttons(cut(body, 1024), List.of(
                new Reply.Button("confirm", Messages.text(l, "summary.confirm.button")),
                new Reply.Button("edit", Messages.text(l, "summary.edit.button")),
                new Reply.Button(GlobalCommand.ID_PREFIX + "cancel", Messages.text(l, "summary.cancel.button"))));
    }

    static Reply editChoice(Language l, ServiceDefinition s) {
        List<Reply.Row> rows = s.fields().stream().limit(10)
                .map(f -> new Reply.Row("edit:" + f.id(), cut(label(f, l), 24), null)).toList();
        return new Reply.ListMessage(null, Messages.text(l, "edit.body"), Messages.text(l, "edit.list"), rows);
    }

    static Reply applications(Language l, List<Facts.ApplicationInfo> applications) {
        if (applications.isEmpty()) {
            return new Reply.Text(Messages.text(l, "status.none.text"));
        }
        List<Reply.Row> rows = applications.stream().limit(10)
                .map(a -> new Reply.Row("app:" + a.reference(), cut(a.reference(), 24),
                        cut(a.serviceName().in(l.code()) + " · " + Messages.text(l, "status." + a.status()), 72))).toList();
        return new Reply.ListMessage(null, Messages.text(l, "status.list.body"), Messages.text(l, "status.list.list"), rows);
    }

    static Reply applicationStatus(Language l, Facts.ApplicationInfo a) {
        return new Reply.Text(Messages.text(l, "status.detail.text", a.serviceName().in(l.code()), a.reference(),
                DAY.format(a.submittedAt()), Messages.text(l, "status." + a.status())));
    }

    static Reply eraseConfirmation(Language l) {
        return new Reply.Buttons(Messages.text(l, "erase.confirm.body"), List.of(
                new Reply.Button("erase:yes", Messages.text(l, "erase.yes.button")),
                new Reply.Button("erase:no", Messages.text(l, "erase.no.button"))));
    }

    /** A field's short label: its prompt without the question mark. */
    static String label(FieldDefinition field, Language l) {
        String prompt = field.prompts().in(l.code()).trim();
        return prompt.endsWith("?") ? prompt.substring(0, prompt.length() - 1) : prompt;
    }

    static String fee(Language l, BigDecimal rupees) {
        return rupees == null || rupees.signum() == 0 ? Messages.text(l, "service.fee.free")
                : Messages.text(l, "service.fee.rupees", rupees.stripTrailingZeros().toPlainString());
    }

    static String days(Language l, int days) {
        return days == 0 ? Messages.text(l, "service.days.instant") : Messages.text(l, "service.days.count", days);
    }

    static String name(LocalizedText text, Language l) {
        return text == null ? "" : text.in(l.code());
    }

    /** Cuts to at most {@code max} characters (code points), ending with an ellipsis when cut. */
    static String cut(String text, int max) {
        if (text == null) {
            return null;
        }
        if (text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        int end = text.offsetByCodePoints(0, max - 1);
        return text.substring(0, end).trim() + "…";
    }
}
