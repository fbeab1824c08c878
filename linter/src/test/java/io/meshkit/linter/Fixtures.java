package io.meshkit.linter;

import io.meshkit.linter.api.ContractSource;
import io.meshkit.linter.api.Conventions;
import io.meshkit.linter.di.Linters;
import io.meshkit.linter.api.LintReport;
import io.meshkit.linter.api.LintRequest;
import io.meshkit.linter.internal.DefaultLinter;
import java.util.List;
import java.util.Optional;

/** A contract that breaks no rule, and helpers to lint variants of it. */
final class Fixtures {
    static final String CLEAN = """
            apiVersion: v3.1.0
            kind: DataContract
            id: urn:meshkit:test:plays
            name: Plays
            version: 1.0.0
            status: active
            domain: music
            description:
              purpose: Every play of a track.
            schema:
              - name: plays
                description: One row per play.
                properties:
                  - name: play_id
                    logicalType: string
                    physicalType: VARCHAR
                    description: Unique id of the play.
                    required: true
                    primaryKey: true
                  - name: listener_id
                    logicalType: string
                    physicalType: VARCHAR
                    description: Pseudonymous listener.
                    required: true
                  - name: played_at
                    logicalType: timestamp
                    physicalType: TIMESTAMP
                    description: When the play started.
                    required: true
                  - name: ms_played
                    logicalType: integer
                    physicalType: BIGINT
                    description: Milliseconds played.
                  - name: ip_address
                    logicalType: string
                    physicalType: VARCHAR
                    description: For fraud detection.
                    classification: pii
                customProperties:
                  - property: meshkit.kind
                    value: fact
                  - property: meshkit.samplingKey
                    value: listener_id
            team:
              name: music-listening
              members:
                - username: oncall
                  role: owner
            slaProperties:
              - property: freshness
                value: 2
                unit: h
            """;

    private Fixtures() {}

    /** CLEAN with one text replaced (which must be there). */
    static String with(String from, String to) {
        return replace(CLEAN, from, to);
    }

    static String replace(String text, String from, String to) {
        if (!text.contains(from)) {
            throw new IllegalArgumentException("fixture has no '" + from + "'");
        }
        return text.replace(from, to);
    }

    static LintReport lint(String yaml) {
        return lint(yaml, Linters.defaultConventions());
    }

    static LintReport lint(String yaml, Conventions conventions) {
        return new DefaultLinter(conventions).lint(LintRequest.of(List.of(new ContractSource("c.odcs.yaml", yaml))));
    }

    static LintReport lint(String base, String current) {
        return new DefaultLinter(Linters.defaultConventions()).lint(new LintRequest(
                List.of(new ContractSource("c.odcs.yaml", current)), List.of(new ContractSource("c.odcs.yaml", base)),
                Optional.empty()));
    }
}
