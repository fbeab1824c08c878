package io.meshkit.snapshotingest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.mysql.cj.conf.ConnectionUrl;
import com.mysql.cj.conf.HostInfo;
import io.meshkit.core.secret.Secrets;
import io.meshkit.core.secret.SourceUrl;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * core's {@link SourceUrl} takes URLs apart without the driver (core depends on none); this checks,
 * against Connector/J's own parser, that every password the driver would read is one core finds.
 */
class SourceUrlAgreementTest {
    private static final String SECRET = "S3cr3tZq";

    private static final List<String> FORMS = List.of(
            "jdbc:mysql://127.0.0.1:3306/test?user=u&password=" + SECRET,
            "jdbc:mysql://127.0.0.1:3306/test?user=u&password1=" + SECRET,
            "jdbc:mysql://127.0.0.1:3306/test?user=u&password2=" + SECRET,
            "jdbc:mysql://127.0.0.1:3306/test?user=u&password3=" + SECRET,
            "jdbc:mysql://127.0.0.1:3306/test?user=u&%70assword=" + SECRET,
            "jdbc:mysql://127.0.0.1:3306/test?user=u&password=" + SECRET + "%21",
            "jdbc:mysql://address=(host=127.0.0.1)(port=3306)(user=u)(password=" + SECRET + ")/test",
            "jdbc:mysql://(host=127.0.0.1,port=3306,user=u,password=" + SECRET + ")/test",
            "jdbc:mysql://[(host=127.0.0.1,port=3306,password=" + SECRET + "),(host=127.0.0.2,port=3306)]/test",
            "jdbc:mysql://u:" + SECRET + "@127.0.0.1:3306/test",
            "jdbc:mysql:replication://127.0.0.1:3306,u:" + SECRET + "@127.0.0.2:3306/test",
            "jdbc:mysql:loadbalance://[127.0.0.1:3306,127.0.0.2:3306]/test?password=" + SECRET,
            "jdbc:mysql://127.0.0.1:3306/test?user=u&trustCertificateKeyStorePassword=" + SECRET,
            "jdbc:mysql://127.0.0.1:3306/test?user=u",
            "jdbc:mysql://u@127.0.0.1/test");

    @Test
    void coreFindsEverySecretConnectorJReads() {
        for (String url : FORMS) {
            List<String> driver = driverSecrets(url);
            SourceUrl parsed = SourceUrl.parse(url);
            List<String> core = parsed.secrets().stream().map(SourceUrl.Property::value).toList();
            assertThat(core).as(url).containsAll(driver);
            assertThat(parsed.hasSecret()).as(url).isEqualTo(!driver.isEmpty());
            for (String s : driver) {
                assertThat(parsed.redacted()).as(url).doesNotContain(s);
            }
        }
    }

    private static List<String> driverSecrets(String url) {
        ConnectionUrl c = ConnectionUrl.getConnectionUrlInstance(url, new Properties());
        List<String> out = new ArrayList<>();
        for (HostInfo h : c.getHostsList()) {
            if (h.getPassword() != null && !h.getPassword().isEmpty()) {
                out.add(h.getPassword());
            }
            for (Map.Entry<String, String> e : h.getHostProperties().entrySet()) {
                if (Secrets.isSecretKey(e.getKey()) && e.getValue() != null && !e.getValue().isEmpty()) {
                    out.add(e.getValue());
                }
            }
        }
        return out.stream().distinct().toList();
    }
}
