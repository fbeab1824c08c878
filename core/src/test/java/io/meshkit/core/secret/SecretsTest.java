package io.meshkit.core.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshkit.core.error.MeshkitException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretsTest {
    static final String SECRET = "S3cr3tZq";

    /** Every form in which Connector/J (or another MySQL driver) reads a password from a URL. */
    static final List<String> PASSWORD_FORMS = List.of(
            "jdbc:mysql://127.0.0.1:3306/test?user=u&password=" + SECRET,
            "jdbc:mysql://127.0.0.1:3306/test?user=u&password1=" + SECRET,
            "jdbc:mysql://127.0.0.1:3306/test?user=u&password2=" + SECRET,
            "jdbc:mysql://127.0.0.1:3306/test?user=u&PASSWORD3=" + SECRET,
            "jdbc:mysql://127.0.0.1:3306/test?user=u&%70assword=" + SECRET,
            "jdbc:mysql://address=(host=127.0.0.1)(port=3306)(user=u)(password=" + SECRET + ")/test",
            "jdbc:mysql://(host=127.0.0.1,port=3306,user=u,password=" + SECRET + ")/test",
            "jdbc:mysql://[(host=127.0.0.1,port=3306,password=" + SECRET + "),(host=127.0.0.2,port=3306)]/test",
            "jdbc:mysql://127.0.0.1:3306/test;password=" + SECRET,
            "jdbc:mysql://u:" + SECRET + "@127.0.0.1:3306/test",
            "mysql://u:" + SECRET + "@127.0.0.1/test",
            "jdbc:mysql:replication://127.0.0.1:3306,u:" + SECRET + "@127.0.0.2:3306/test",
            "jdbc:mysql://127.0.0.1:3306/test?user=u&trustCertificateKeyStorePassword=" + SECRET);

    @Test
    void findsTheSecretInEveryForm() {
        for (String url : PASSWORD_FORMS) {
            SourceUrl parsed = SourceUrl.parse(url);
            assertThat(parsed.secrets()).as(url).extracting(SourceUrl.Property::value).contains(SECRET);
            assertThat(parsed.redacted()).as(url).doesNotContain(SECRET).contains(Secrets.MASK);
            assertThatThrownBy(() -> parsed.requireNoSecret("MESHKIT_MYSQL_PASSWORD")).as(url)
                    .isInstanceOf(MeshkitException.class)
                    .hasMessageContaining("must come from MESHKIT_MYSQL_PASSWORD")
                    .hasMessageNotContaining(SECRET)
                    .satisfies(e -> assertThat(((MeshkitException) e).exitCode()).isEqualTo(2));
        }
    }

    @Test
    void aUrlWithoutSecretPasses() {
        SourceUrl u = SourceUrl.parse("jdbc:mysql://db.internal:3307/shop?user=meshkit&connectTimeout=2000");
        assertThat(u.hasSecret()).isFalse();
        assertThat(u.get("USER")).contains("meshkit");
        assertThat(u.redacted()).isEqualTo("jdbc:mysql://db.internal:3307/shop?user=meshkit&connectTimeout=2000");
        assertThat(SourceUrl.parse("duckdb:.meshkit/warehouse.duckdb").hasSecret()).isFalse();
    }

    @Test
    void redactsDriverMessagesAndEveryQuotingOfAPassword() {
        assertThat(Secrets.redact("Cannot connect: url jdbc:mysql://h/db?password='" + SECRET + "' failed")).doesNotContain(SECRET);
        assertThat(Secrets.redact("{\"password\": \"" + SECRET + "\"}")).isEqualTo("{\"password\": \"***\"}");
        assertThat(Secrets.redact("password: " + SECRET)).isEqualTo("password: ***");
        assertThat(Secrets.redact("Malformed database URL, failed to parse the connection string near ';password=" + SECRET + "'."))
                .doesNotContain(SECRET);
        assertThat(Secrets.redact("Cannot use source jdbc:mysql://h/db?user=u: unknown host")).isEqualTo(
                "Cannot use source jdbc:mysql://h/db?user=u: unknown host");
    }

    @Test
    void everyErrorMessageIsRedacted() {
        MeshkitException e = new MeshkitException(io.meshkit.core.error.ErrorCode.SOURCE_FAILURE,
                "Cannot connect to jdbc:mysql://u:" + SECRET + "@h/db");
        assertThat(e.getMessage()).isEqualTo("Cannot connect to jdbc:mysql://u:***@h/db");
    }
}
