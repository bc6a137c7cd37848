package io.partnersettlement.workbook;

/** How many character columns a text takes on screen: East Asian wide characters count twice. */
final class DisplayWidth {

    private DisplayWidth() {
    }

    /** The display width of {@code text}, counted no further than {@code cap}. */
    static int of(CharSequence text, int cap) {
        int width = 0;
        for (int i = 0; i < text.length() && width < cap; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                width += 2; // supplementary planes: CJK extensions and emoji, wide either way
                i++;
            } else {
                width += isWide(c) ? 2 : 1;
            }
        }
        return Math.min(width, cap);
    }

    private static boolean isWide(char c) {
        return c >= 0x1100 && (c <= 0x115F                // Hangul Jamo
                || (c >= 0x2E80 && c <= 0xA4CF && c != 0x303F) // CJK radicals … Yi, kana, CJK ideographs
                || (c >= 0xAC00 && c <= 0xD7A3)           // Hangul syllables
                || (c >= 0xF900 && c <= 0xFAFF)           // CJK compatibility ideographs
                || (c >= 0xFE30 && c <= 0xFE4F)           // CJK compatibility forms
                || (c >= 0xFF00 && c <= 0xFF60)           // fullwidth forms
                || (c >= 0xFFE0 && c <= 0xFFE6));
    }
}
