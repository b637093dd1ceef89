package dev.sluice;

import dev.sluice.error.SluiceException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code --database-url}: the forms it accepts, what it turns them into, and what it refuses. */
class DatabaseUrlTest {

    @Test
    void blank_means_the_embedded_sqlite() {
        assertThat(DatabaseUrl.parse(null)).isNull();
        assertThat(DatabaseUrl.parse("  ")).isNull();
    }

    @Test
    void a_jdbc_url_is_taken_as_it_is() {
        assertThat(DatabaseUrl.parse("jdbc:postgresql://db:5432/sluice?user=u&password=p"))
                .isEqualTo(new DatabaseUrl("jdbc:postgresql://db:5432/sluice?user=u&password=p", null, null));
    }

    @Test
    void a_postgres_url_becomes_a_jdbc_url_with_its_user_and_decoded_password() {
        assertThat(DatabaseUrl.parse("postgres://sluice:p%40ss:w@db.internal:6432/imports?sslmode=require"))
                .isEqualTo(new DatabaseUrl("jdbc:postgresql://db.internal:6432/imports?sslmode=require", "sluice",
                        "p@ss:w"));
        assertThat(DatabaseUrl.parse("postgresql://db/imports"))
                .isEqualTo(new DatabaseUrl("jdbc:postgresql://db/imports", null, null));
    }

    @Test
    void the_password_never_shows_in_its_text() {
        assertThat(DatabaseUrl.parse("postgres://u:secret@db/x").toString()).doesNotContain("secret")
                .isEqualTo("jdbc:postgresql://db/x as u");
        assertThat(DatabaseUrl.parse("jdbc:postgresql://db/x?user=u&password=secret").display())
                .isEqualTo("jdbc:postgresql://db/x?user=u&password=***");
    }

    @Test
    void another_scheme_is_refused_naming_the_setting_without_the_password() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://u:secret@db/x"))
                .isInstanceOfSatisfying(SluiceException.class,
                        e -> assertThat(e.code()).isEqualTo("invalid_configuration"))
                .hasMessage("--database-url / SLUICE_DATABASE_URL must start with jdbc:postgresql://, postgres:// or"
                        + " postgresql://, got 'mysql://u:***@db/x'");
    }
}
