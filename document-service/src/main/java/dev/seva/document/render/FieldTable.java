package dev.seva.document.render;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static dev.seva.document.render.OfficialPage.INK;
import static dev.seva.document.render.OfficialPage.LEFT;
import static dev.seva.document.render.OfficialPage.MUTED;
import static dev.seva.document.render.OfficialPage.RULE;
import static dev.seva.document.render.OfficialPage.WIDTH;

/**
 * The key-fields table of a document: per row the English label above the Telugu one, and the value
 * beside them. Long values (an address, a business name) wrap; when the rows do not fit the room given
 * at the normal size, the values are set smaller (down to 7.5 pt); only if they still do not fit are the
 * last rows left out, and the table then says so, pointing to the department's record: a document never
 * loses a row silently nor prints over its signature.
 */
final class FieldTable {

    /** Value sizes tried in turn until the whole table fits above the signature block. */
    static final float[] VALUE_SIZES = {10.5f, 9.5f, 8.5f, 7.5f};
    static final float LABEL_WIDTH = 190;
    /** Printed under the table when its last rows do not fit even at the smallest size. */
    static final String MORE_EN = "Further particulars did not fit on this page: see the department's record of this application.";
    static final String MORE_TE = "మిగిలిన వివరాలు ఈ పేజీలో పట్టలేదు: ఈ దరఖాస్తుపై శాఖ రికార్డును చూడండి.";
    static final List<String> FIXED_TEXTS = List.of(MORE_EN, MORE_TE);

    private FieldTable() {
    }

    /** One row: the English label, the value as printed, the Telugu label (may be empty). */
    record Row(String labelEn, String value, String labelTe) {
    }

    /** How the table is set: the value size, each row's wrapped value and height, and how many rows fit. */
    record Layout(float size, float step, List<List<String>> lines, List<Float> heights, int rowsShown) {
    }

    /** The layout of these rows in {@code available} points of height (the values beside the label column). */
    static Layout layout(PdfCanvas c, List<Row> rows, float available) {
        float valueWidth = WIDTH - LABEL_WIDTH - 8;
        Layout last = null;
        for (float size : VALUE_SIZES) {
            float step = 13 * size / 10.5f;
            List<List<String>> lines = new ArrayList<>();
            List<Float> heights = new ArrayList<>();
            float used = 0;
            int fitting = 0;
            for (Row row : rows) {
                List<String> valueLines = c.wrap(row.value(), valueWidth, size, true);
                // at least two lines' room: the English and the Telugu label (set at the same scale)
                float height = Math.max(2 * step, (valueLines.size() + 0.3f) * step) + 4;
                lines.add(valueLines);
                heights.add(height);
                if (fitting == heights.size() - 1 && used + height <= available) {
                    used += height;
                    fitting++;
                }
            }
            last = new Layout(size, step, lines, heights, fitting);
            if (fitting == rows.size()) {
                return last;
            }
        }
        // The smallest size still leaves rows out: keep room for the line that says so.
        int shown = last.rowsShown();
        float used = 0;
        for (int i = 0; i < shown; i++) {
            used += last.heights().get(i);
        }
        while (shown > 0 && used + 24 > available) {
            shown--;
            used -= last.heights().get(shown);
        }
        return new Layout(last.size(), last.step(), last.lines(), last.heights(), shown);
    }

    /** Draws the rows the layout shows from {@code top} down; returns the baseline below the table. */
    static float draw(PdfCanvas c, List<Row> rows, Layout layout, float top) throws IOException {
        if (rows.isEmpty()) {
            return top;
        }
        float y = top;
        c.line(LEFT, y + 4, LEFT + WIDTH, y + 4, 0.6f, RULE);
        for (int i = 0; i < layout.rowsShown(); i++) {
            Row row = rows.get(i);
            float scale = layout.size() / VALUE_SIZES[0];
            c.text(row.labelEn(), LEFT + 4, y - 12 * scale, 9 * scale, false, MUTED);
            float ly = y - 12 * scale;
            for (String line : layout.lines().get(i)) {
                c.text(line, LEFT + LABEL_WIDTH, ly, layout.size(), true, INK);
                ly -= layout.step() + scale;
            }
            c.text(row.labelTe(), LEFT + 4, y - 25 * scale, 8.5f * scale, false, MUTED);
            y -= layout.heights().get(i);
            c.line(LEFT, y + 4, LEFT + WIDTH, y + 4, 0.4f, RULE);
        }
        if (layout.rowsShown() < rows.size()) {
            c.text(MORE_EN, LEFT + 4, y - 8, 8, false, MUTED);
            c.text(MORE_TE, LEFT + 4, y - 19, 8, false, MUTED);
            y -= 24;
        }
        return y;
    }
}
