package io.meshkit.linter.api;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.contract.DatasetKind;
import io.meshkit.core.type.LogicalType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The conventions the linter enforces: rule severities and the settings of the rules. The platform team
 * publishes a conventions file and teams extend it ({@code extends:}); every chain ends in the built-in
 * {@code default-conventions.yaml}. {@code io.meshkit.linter.di.Linters} reads them ({@code defaultConventions()},
 * {@code loadConventions(Path)}).
 *
 * @param sources the files this was read from, the extending file first, the built-in default last
 * @param severities the severity of each rule that is not at its default
 * @param namePattern what dataset and column names must match
 * @param maxNameLength the longest name allowed
 * @param reserved reserved words, lower case
 * @param types the type-by-name patterns, first match wins
 * @param glossary canonical names with their aliases
 * @param personalData name patterns of columns that look like personal data
 * @param publishedStatuses contract statuses that count as published
 * @param primaryKeyRequiredFor kinds of dataset that must declare a primary key
 * @param samplingKeyRequiredFor kinds of dataset that should name a sampling key
 * @param suppressions suppressions that apply to every contract they match
 */
public record Conventions(
        List<String> sources,
        Map<String, Severity> severities,
        Pattern namePattern,
        int maxNameLength,
        Set<String> reserved,
        List<TypePattern> types,
        List<GlossaryTerm> glossary,
        List<Pattern> personalData,
        Set<String> publishedStatuses,
        Set<DatasetKind> primaryKeyRequiredFor,
        Set<DatasetKind> samplingKeyRequiredFor,
        List<Suppression> suppressions) {

    /** Validates and copies. */
    public Conventions {
        sources = List.copyOf(sources);
        severities = Map.copyOf(severities);
        requireNonNull(namePattern, "namePattern is null");
        reserved = Set.copyOf(reserved);
        types = List.copyOf(types);
        glossary = List.copyOf(glossary);
        personalData = List.copyOf(personalData);
        publishedStatuses = Set.copyOf(publishedStatuses);
        primaryKeyRequiredFor = Set.copyOf(primaryKeyRequiredFor);
        samplingKeyRequiredFor = Set.copyOf(samplingKeyRequiredFor);
        suppressions = List.copyOf(suppressions);
    }

    /** The severity of a rule under these conventions. */
    public Severity severity(String ruleId) {
        Severity s = severities.get(ruleId);
        return s != null ? s : Rules.byId(ruleId).map(RuleInfo::defaultSeverity).orElse(Severity.ERROR);
    }

    /**
     * A type-by-name entry.
     *
     * @param glob the name pattern as written, e.g. {@code *_at}
     * @param pattern the compiled pattern
     * @param expected the logical types a matching column may have
     */
    public record TypePattern(String glob, Pattern pattern, Set<LogicalType> expected) {
        /** Copies. */
        public TypePattern {
            requireNonNull(glob, "glob is null");
            requireNonNull(pattern, "pattern is null");
            expected = Set.copyOf(expected);
        }

        /** Whether a name matches. */
        public boolean matches(String name) {
            return pattern.matcher(name).matches();
        }
    }

    /**
     * A glossary entry.
     *
     * @param name the canonical name
     * @param description what it means, or null
     * @param aliases names that must not be used for it
     */
    public record GlossaryTerm(String name, String description, List<String> aliases) {
        /** Copies. */
        public GlossaryTerm {
            requireNonNull(name, "name is null");
            aliases = List.copyOf(aliases);
        }
    }

    /**
     * A suppression from a conventions file. Null filters match everything.
     *
     * @param rule the rule id
     * @param reason why, required
     * @param path a glob on the contract file path, or null
     * @param contract a contract id, or null
     * @param dataset a dataset name, or null
     * @param column a column name, or null
     * @param source where it is written, {@code file:line:column}
     */
    public record Suppression(String rule, String reason, Pattern path, String contract, String dataset, String column,
            String source) {
        /** Validates. */
        public Suppression {
            requireNonNull(rule, "rule is null");
            requireNonNull(reason, "reason is null");
        }

        /** Whether this suppression hides a finding. */
        public boolean matches(Finding f) {
            return rule.equals(f.ruleId())
                    && (path == null || path.matcher(f.location().path().replace('\\', '/')).matches())
                    && (contract == null || contract.equals(f.contractId()))
                    && (dataset == null || dataset.equals(f.dataset()))
                    && (column == null || column.equals(f.column()));
        }
    }
}
