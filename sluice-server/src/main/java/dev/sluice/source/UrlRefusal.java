package dev.sluice.source;

/** Why a URL is refused before anything is sent: its text is not a URL, or policy forbids it. */
final class UrlRefusal extends Exception {
    enum Kind { MALFORMED, FORBIDDEN }

    private final Kind kind;
    private final String reason;

    UrlRefusal(Kind kind, String reason) {
        super(reason, null, false, false);
        this.kind = kind;
        this.reason = reason;
    }

    Kind kind() {
        return kind;
    }

    String reason() {
        return reason;
    }
}
