package dev.seva.desk.web;

import io.quarkus.qute.TemplateData;

import java.util.List;

/** What the desk's pages show, already in the officer's language: plain values for the templates (Qute escapes them). */
public final class Views {

    private Views() {
    }

    /** The frame of every page: words, who is signed in, the navigation. */
    @TemplateData
    public record Frame(Texts t, String officerName, String department, String departmentName, boolean auditor, String languageUrl) {
    }

    @TemplateData
    public record Option(String value, String label, boolean selected) {
    }

    @TemplateData
    public record HomeView(Frame frame, List<Option> departments) {
    }

    @TemplateData
    public record QueueRow(String reference, String url, String service, String status, boolean overdue, String submitted, String due,
                           String place, String assignedTo) {
    }

    @TemplateData
    public record QueueView(Frame frame, String caption, List<QueueRow> rows, String total, String pageLabel, String previousUrl,
                            String nextUrl, List<Option> statuses, List<Option> services, String dueBefore, String district, String mandal,
                            boolean assignedMe, boolean overdueOnly) {
    }

    @TemplateData
    public record Labelled(String label, String value) {
    }

    @TemplateData
    public record Attachment(String label, String url, boolean image) {
    }

    @TemplateData
    public record HistoryLine(String at, String actor, String kind, String text) {
    }

    @TemplateData
    public record CertificateField(String key, String label, String value) {
    }

    @TemplateData
    public record ApplicationView(Frame frame, String reference, String actionUrl, String service, String status, boolean open,
                                  String closedNote, boolean overdue, String submitted, String due, String language, String assignedTo,
                                  List<Labelled> answers, List<Attachment> attachments, List<HistoryLine> history, String pendingQuestion,
                                  List<Option> questions, String citizenLanguage, boolean canAsk, boolean canAccept,
                                  List<CertificateField> certificate, List<Option> officers, int version, String message, String error) {
    }

    @TemplateData
    public record ThreadRowView(String url, String opened, String reason, String last, String service) {
    }

    @TemplateData
    public record ThreadsView(Frame frame, String caption, List<ThreadRowView> threads) {
    }

    @TemplateData
    public record MessageView(String author, boolean citizen, String at, String text, String media) {
    }

    @TemplateData
    public record ThreadView(Frame frame, String threadId, String replyUrl, String closeUrl, boolean open, String reason, String language,
                             List<MessageView> messages, String error) {
    }

    @TemplateData
    public record AuditLine(String at, String actor, String action, String reference, String outcome, String from) {
    }

    @TemplateData
    public record AuditView(Frame frame, List<AuditLine> lines, String csvUrl) {
    }

    @TemplateData
    public record ErrorView(Frame frame, int status, String message) {
    }
}
