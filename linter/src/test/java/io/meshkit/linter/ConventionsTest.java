package io.meshkit.linter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshkit.core.error.MeshkitException;
import io.meshkit.linter.api.Conventions;
import io.meshkit.linter.di.Linters;
import io.meshkit.linter.api.Finding;
import io.meshkit.linter.api.Rules;
import io.meshkit.linter.api.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConventionsTest {
    @TempDir
    Path dir;

    @Test
    void defaultsAreTheShippedResource() {
        Conventions d = Linters.defaultConventions();
        assertThat(d.sources()).containsExactly("default-conventions.yaml (built in)");
        assertThat(d.reserved()).contains("order", "select", "null", "true");
        assertThat(d.types()).extracting(Conventions.TypePattern::glob).startsWith("*_timestamp", "*_at", "*_date");
        assertThat(d.severity(Rules.META_COLUMN_DESCRIPTION)).isEqualTo(Severity.WARNING);
    }

    @Test
    void teamFileExtendsThePlatformFile() throws Exception {
        Files.writeString(dir.resolve("platform.yaml"), """
                rules:
                  meta-column-description: error
                glossary:
                  - name: listener_id
                    aliases: [user_id]
                types:
                  - {pattern: '*_played', expect: [integer]}
                """);
        Files.writeString(dir.resolve("team.yaml"), """
                extends: platform.yaml
                rules:
                  naming-case: {severity: warning}
                types:
                  - {pattern: 'ms_*', expect: [number]}
                suppress:
                  - rule: meta-personal-data
                    reason: the team hashes ip addresses at ingest
                    column: ip_address
                """);
        Conventions c = Linters.loadConventions(dir.resolve("team.yaml"));
        assertThat(c.sources()).hasSize(3);
        assertThat(c.severity(Rules.META_COLUMN_DESCRIPTION)).isEqualTo(Severity.ERROR);
        assertThat(c.severity(Rules.NAMING_CASE)).isEqualTo(Severity.WARNING);
        // the team's pattern is tried before the platform's, which is tried before the defaults
        assertThat(c.types()).extracting(Conventions.TypePattern::glob).startsWith("ms_*", "*_played", "*_timestamp");
        String yaml = Fixtures.with("        description: Milliseconds played.\n", "")
                .replace("        classification: pii\n", "");
        assertThat(Fixtures.lint(yaml, c).findings()).extracting(Finding::ruleId, Finding::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Rules.META_COLUMN_DESCRIPTION, Severity.ERROR),
                        org.assertj.core.groups.Tuple.tuple(Rules.TYPE_BY_NAME, Severity.ERROR));
        assertThat(Fixtures.lint(yaml, c).suppressed()).isEqualTo(1);
    }

    @Test
    void badConventionsNameFileLineAndColumn() throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "rules:\n  naming-cas: error\n");
        assertThatThrownBy(() -> Linters.loadConventions(f)).isInstanceOf(MeshkitException.class)
                .hasMessage("Cannot read conventions " + f + ":2:3: unknown rule 'naming-cas' (did you mean 'naming-case'?)")
                .satisfies(e -> assertThat(((MeshkitException) e).exitCode()).isEqualTo(2));
        Files.writeString(f, "suppress:\n  - rule: naming-case\n");
        assertThatThrownBy(() -> Linters.loadConventions(f)).hasMessageContaining(":2:5: the suppression of naming-case needs a reason");
        Files.writeString(f, "rules: [\n");
        assertThatThrownBy(() -> Linters.loadConventions(f)).hasMessageStartingWith("Cannot read conventions " + f + ":");
        Files.writeString(f, "extends: f.yaml\n");
        assertThatThrownBy(() -> Linters.loadConventions(f)).hasMessageContaining("no such conventions file f.yaml");
        Files.writeString(f, "extends: bad.yaml\n");
        assertThatThrownBy(() -> Linters.loadConventions(f)).hasMessageContaining("cycle");
    }
}
