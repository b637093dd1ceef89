package dev.sluice.error;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Each kind of error answers the HTTP status docs/http-api.md gives its codes. */
class SluiceExceptionTest {
    private static final Map<String, Object> NONE = Map.of();

    @Test
    void each_kind_answers_the_status_its_codes_had_before() {
        assertThat(new SluiceException.Invalid("invalid_json", "m").httpStatus()).isEqualTo(400);
        assertThat(new SluiceException.Invalid("upload_failed", "m").httpStatus()).isEqualTo(400);
        assertThat(new SluiceException.NotFound("import_not_found", "m", NONE).httpStatus()).isEqualTo(404);
        assertThat(new SluiceException.Conflict("collection_exists", "m", NONE).httpStatus()).isEqualTo(409);
        assertThat(new SluiceException.TooLarge("payload_too_large", "m", NONE).httpStatus()).isEqualTo(413);
        assertThat(new SluiceException.UnsupportedMedia("unsupported_media_type", "m", NONE).httpStatus())
                .isEqualTo(415);
        assertThat(new SluiceException.Unavailable("database_unavailable", "m", NONE, null).httpStatus())
                .isEqualTo(503);
        assertThat(new SluiceException.Misconfigured("invalid_configuration", "m").httpStatus()).isEqualTo(500);
        assertThat(new SluiceException.Internal("internal_error", "m", NONE, null).httpStatus()).isEqualTo(500);
    }

    @Test
    void code_message_details_and_cause_are_kept() {
        IllegalStateException cause = new IllegalStateException("disk");
        SluiceException e = new SluiceException.Unavailable("database_unavailable", "down", Map.of("a", 1), cause);

        assertThat(e.code()).isEqualTo("database_unavailable");
        assertThat(e.getMessage()).isEqualTo("down");
        assertThat(e.details()).isEqualTo(Map.of("a", 1));
        assertThat(e.getCause()).isSameAs(cause);
        assertThat(new SluiceException.Invalid("invalid_json", "m", null).details()).isEmpty();
    }
}
