package dev.seva.document.render;

/** The four faces a certificate uses: Noto Sans for Latin text and digits, Noto Sans Telugu for Telugu. */
public enum FontFace {
    LATIN("NotoSans-Regular.ttf"),
    LATIN_BOLD("NotoSans-Bold.ttf"),
    TELUGU("NotoSansTelugu-Regular.ttf"),
    TELUGU_BOLD("NotoSansTelugu-Bold.ttf");

    final String file;

    FontFace(String file) {
        this.file = file;
    }

    /** The face for a script run: Telugu or everything else, in this weight. */
    static FontFace of(boolean telugu, boolean bold) {
        if (telugu) {
            return bold ? TELUGU_BOLD : TELUGU;
        }
        return bold ? LATIN_BOLD : LATIN;
    }
}
