package dev.seva.document.api;

import dev.seva.document.domain.Certificate;
import dev.seva.document.domain.Values;
import dev.seva.document.domain.VerificationStatus;
import dev.seva.document.service.CertificateFactory;
import dev.seva.document.service.Verification;

import java.time.LocalDate;

/**
 * The public verification page: one small self-contained HTML document, in English and Telugu, no scripts,
 * never indexed. The key fields appear only after the printed verification code is given (the form posts it).
 */
final class VerificationPage {

    private VerificationPage() {
    }

    static String html(Verification.Result r) {
        StringBuilder h = new StringBuilder(4096);
        String colour;
        String headline;
        switch (r.status()) {
            case VALID:
                colour = r.expired() ? "#8a5a00" : "#1b6e3a";
                headline = r.expired() ? "Authentic, but expired / ప్రామాణికమైనది, కానీ గడువు ముగిసింది"
                        : "Authentic document / ఇది ప్రామాణికమైన పత్రం";
                break;
            case REVOKED:
                colour = "#a4161a";
                headline = "Revoked / ఈ పత్రం రద్దు చేయబడింది";
                break;
            case TAMPERED:
                colour = "#a4161a";
                headline = "Not authentic / ఈ పత్రం ప్రామాణికమైనది కాదు";
                break;
            default:
                colour = "#4a4f55";
                headline = "Unknown document / ఈ సంఖ్యతో పత్రం లేదు";
        }
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"robots\" content=\"noindex, nofollow\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Seva document verification</title><style>")
                .append("body{font-family:'Noto Sans','Noto Sans Telugu',sans-serif;margin:0;background:#f4f6f8;color:#1a1a1a}")
                .append("main{max-width:40rem;margin:0 auto;padding:1rem}h1{font-size:1.1rem;color:#0b3d6b}")
                .append(".status{color:#fff;padding:1rem;border-radius:.4rem;font-size:1.2rem;font-weight:bold}")
                .append("table{border-collapse:collapse;width:100%;background:#fff;margin-top:1rem}")
                .append("th,td{text-align:left;padding:.45rem;border-bottom:1px solid #dde3e8;vertical-align:top}th{width:40%;font-weight:normal;color:#555f6b}")
                .append("code{word-break:break-all;font-size:.85rem}p{line-height:1.45}")
                .append(".code{background:#fff;padding:.8rem;margin-top:1rem;border-left:.3rem solid #0b3d6b}.code-wrong{border-color:#a4161a}")
                .append("input{font:inherit;padding:.3rem;width:8rem;text-transform:uppercase}button{font:inherit;padding:.3rem .8rem}</style></head><body><main>")
                .append("<h1>Government of Andhra Pradesh · Seva document verification<br>ఆంధ్రప్రదేశ్ ప్రభుత్వం · సేవ పత్రాల ధృవీకరణ</h1>")
                .append("<div class=\"status status-").append(r.status().name().toLowerCase(java.util.Locale.ROOT))
                .append("\" style=\"background:").append(colour).append("\">").append(escape(headline)).append("</div>")
                .append("<p>").append(escape(VerificationView.message(r))).append("</p>");
        if (r.status() != VerificationStatus.UNKNOWN) {
            h.append("<table>");
            row(h, "Document / పత్రం", r.title().en() + " / " + r.title().te());
            row(h, "Document number / పత్రం సంఖ్య", r.documentId());
            if (r.applicationRef() != null) {
                row(h, "Application reference / దరఖాస్తు సంఖ్య", r.applicationRef());
            }
            row(h, "Issued by / జారీ చేసినది", r.department().en() + " / " + r.department().te());
            row(h, "Date of issue / జారీ తేదీ", Values.DATE.format(LocalDate.ofInstant(r.issuedAt(), CertificateFactory.ISSUE_ZONE)));
            if (r.receipt() != null) {
                // A receipt has no validity: the number and the amount are what its reader checks.
                row(h, "Receipt number / రసీదు సంఖ్య", r.receipt().number());
                row(h, "Amount paid / చెల్లించిన మొత్తం", r.receipt().amount());
            } else {
                row(h, "Valid until / గడువు", r.validUntil() == null ? "No expiry / గడువు లేదు" : Values.DATE.format(r.validUntil()));
            }
            if (r.holder() != null && !r.holder().isEmpty()) {
                row(h, "Issued to / ఎవరికి", r.holder());
            }
            for (Certificate.PublicField field : r.fields()) {
                if (!field.label().startsWith("Name")) {
                    row(h, field.label(), field.value());
                }
            }
            if (r.status() == VerificationStatus.REVOKED) {
                row(h, "Revoked on / రద్దు తేదీ", Values.DATE.format(LocalDate.ofInstant(r.revokedAt(), CertificateFactory.ISSUE_ZONE)));
                if (r.revocationReason() != null) {
                    row(h, "Reason / కారణం", r.revocationReason());
                }
            }
            h.append("<tr><th>SHA-256 of the PDF</th><td><code>").append(escape(r.sha256())).append("</code></td></tr></table>")
                    .append("<p>Names are partly hidden to protect the holder's privacy. A PDF copy is genuine only if its SHA-256 ")
                    .append("equals the one above and its digital signature is valid.</p>");
            code(h, r);
        } else {
            h.append("<p>Document number checked: <code>").append(escape(r.documentId() == null ? "" : r.documentId())).append("</code></p>");
        }
        return h.append("</main></body></html>").toString();
    }

    /** The page while the stored document cannot be checked (vault-service not answering): try again, nothing is claimed either way. */
    static String unavailable() {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"robots\" content=\"noindex, nofollow\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Seva document verification</title></head>"
                + "<body style=\"font-family:'Noto Sans','Noto Sans Telugu',sans-serif;max-width:40rem;margin:0 auto;padding:1rem\">"
                + "<h1 style=\"font-size:1.1rem;color:#0b3d6b\">Seva document verification / సేవ పత్రాల ధృవీకరణ</h1>"
                + "<p>The document cannot be checked right now. Please try again in a minute.<br>"
                + "ఈ పత్రాన్ని ఇప్పుడు ధృవీకరించలేము. దయచేసి ఒక నిమిషం తర్వాత మళ్లీ ప్రయత్నించండి.</p></body></html>";
    }

    /** Whether the code was right, and the form to give it (the code travels in the POST body, not in the address). */
    private static void code(StringBuilder h, Verification.Result r) {
        String te = switch (r.code()) {
            case ACCEPTED -> "ధృవీకరణ కోడ్ సరైనది.";
            case WRONG -> "ధృవీకరణ కోడ్ తప్పు: ఇది ఈ పత్రానిది కాదు.";
            default -> "ముఖ్య వివరాలు చూడటానికి QR కోడ్ పక్కన ముద్రించిన ధృవీకరణ కోడ్‌ను నమోదు చేయండి.";
        };
        h.append("<div class=\"code code-").append(r.code().name().toLowerCase(java.util.Locale.ROOT)).append("\"><p>")
                .append(escape(VerificationView.codeMessage(r))).append("<br>").append(escape(te)).append("</p>");
        if (r.code() != Verification.CodeCheck.ACCEPTED) {
            h.append("<form method=\"post\" action=\"/verify/").append(escape(r.documentId())).append("\">")
                    .append("<label for=\"code\">Verification code / ధృవీకరణ కోడ్</label> ")
                    .append("<input id=\"code\" name=\"code\" autocomplete=\"off\" maxlength=\"12\" placeholder=\"XXXX-XXXX\" required> ")
                    .append("<button type=\"submit\">Show details / వివరాలు చూపించు</button></form>");
        }
        h.append("</div>");
    }

    private static void row(StringBuilder h, String label, String value) {
        h.append("<tr><th>").append(escape(label)).append("</th><td>").append(escape(value)).append("</td></tr>");
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
