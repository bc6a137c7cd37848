package io.partnersettlement.cli;

/** Who performs an operator's action: {@code --operator NAME}, or the OS user. */
final class Operators {

    private Operators() {
    }

    static String name(String given) {
        return given != null && !given.isBlank() ? given : System.getProperty("user.name", "unknown");
    }
}
