package io.meshkit.linter.internal;

import io.meshkit.core.contract.Contract;
import io.meshkit.core.contract.ContractException;
import io.meshkit.core.contract.ContractProblem;
import io.meshkit.core.contract.ContractReader;
import io.meshkit.core.contract.ParsedContract;
import io.meshkit.core.identifier.TableId;
import io.meshkit.linter.api.Change;
import io.meshkit.linter.api.ContractSource;
import io.meshkit.linter.api.Conventions;
import io.meshkit.linter.api.Finding;
import io.meshkit.linter.api.LintReport;
import io.meshkit.linter.api.LintRequest;
import io.meshkit.linter.api.Linter;
import io.meshkit.linter.api.Rules;
import io.meshkit.linter.api.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import javax.inject.Inject;

/** The linter: parses in parallel, lints each contract alone and against its base, then the warehouse. */
public final class DefaultLinter implements Linter {
    private static final Comparator<Finding> ORDER = Comparator.comparing((Finding f) -> f.location().path())
            .thenComparingInt(f -> f.location().line()).thenComparingInt(f -> f.location().column())
            .thenComparing(Finding::ruleId);

    private final Conventions conventions;
    private final ContractReader reader = ContractReader.create();

    /** A linter for these conventions. */
    @Inject
    public DefaultLinter(Conventions conventions) {
        this.conventions = conventions;
    }

    private record Parsed(ContractSource source, ParsedContract parsed) {
        Optional<Contract> contract() {
            return parsed.contract();
        }
    }

    private record Result(List<Finding> findings, int suppressed, List<Change> changes, boolean compared) {}

    @Override
    public LintReport lint(LintRequest request) {
        List<Parsed> current = parseAll(request.contracts());
        // an invalid contract (broken YAML, not a mapping, refused by the ODCS schema or meshkit's own checks) is bad
        // input, not a finding: the rules are about valid contracts, and a report that went on would pass CI with
        // --fail-on never on a contract no tool can read. Every error of every invalid file, in path order.
        List<ContractProblem> invalid = current.stream().filter(p -> p.parsed().hasErrors())
                .sorted(Comparator.comparing((Parsed p) -> p.source().path()))
                .flatMap(p -> p.parsed().errors().stream()).toList();
        if (!invalid.isEmpty()) {
            throw new ContractException(invalid);
        }
        Map<String, String> currentText = new HashMap<>();
        for (ContractSource s : request.contracts()) {
            currentText.put(s.path(), s.text());
        }
        // a base identical to the current file at the same path has no changes: no need to parse it
        List<ContractSource> changedBases = new ArrayList<>();
        java.util.Set<String> identical = new java.util.HashSet<>();
        for (ContractSource b : request.bases()) {
            if (b.text().equals(currentText.get(b.path()))) {
                identical.add(b.path());
            } else {
                changedBases.add(b);
            }
        }
        List<Parsed> bases = parseAll(changedBases);
        Map<String, Contract> baseById = new HashMap<>();
        Map<String, Contract> baseByPath = new HashMap<>();
        for (Parsed b : bases) {
            b.contract().ifPresent(c -> {
                baseById.putIfAbsent(c.id(), c);
                baseByPath.put(b.source().path(), c);
            });
        }
        List<Result> results = IntStream.range(0, current.size()).parallel()
                .mapToObj(i -> lintOne(current.get(i), baseById, baseByPath, identical))
                .toList();

        List<Finding> findings = new ArrayList<>();
        List<Change> changelog = new ArrayList<>();
        int suppressed = 0;
        int compared = 0;
        for (Result r : results) {
            findings.addAll(r.findings());
            changelog.addAll(r.changes());
            suppressed += r.suppressed();
            compared += r.compared() ? 1 : 0;
        }
        List<TableId> tables = new ArrayList<>();
        if (request.warehouse().isPresent()) {
            for (Parsed p : current) {
                Contract c = p.contract().orElseThrow();
                Sink sink = new Sink(conventions, c.id());
                Locator loc = new Locator(p.source().path(), p.parsed().locations(), p.source().text());
                Drift.check(c, loc, request.warehouse().get(), sink, tables);
                InlineSuppressions inline = InlineSuppressions.read(c, loc, new Sink(conventions, c.id()));
                for (Finding f : sink.findings) {
                    if (suppressed(f, inline)) {
                        suppressed++;
                    } else {
                        findings.add(f);
                    }
                }
            }
        }
        findings.sort(ORDER);
        return new LintReport(current.size(), compared, findings, suppressed, changelog, tables);
    }

    private List<Parsed> parseAll(List<ContractSource> sources) {
        return sources.parallelStream().map(s -> new Parsed(s, reader.parse(s.path(), s.text()))).toList();
    }

    private Result lintOne(Parsed p, Map<String, Contract> baseById, Map<String, Contract> baseByPath,
            java.util.Set<String> identical) {
        // only valid contracts get here: lint() refused the others
        Contract c = p.contract().orElseThrow();
        Sink sink = new Sink(conventions, c.id());
        for (ContractProblem warning : p.parsed().warnings()) {
            sink.add(Rules.CONTRACT_WARNING, conventions.severity(Rules.CONTRACT_WARNING), warning.location(), null, null,
                    warning.message());
        }
        Locator loc = new Locator(p.source().path(), p.parsed().locations(), p.source().text());
        new ContractRules(loc, sink).check(c);
        List<Change> changes = List.of();
        boolean compared = identical.contains(p.source().path());
        Contract base = baseById.get(c.id());
        if (base == null && !compared) {
            base = baseByPath.get(p.source().path());
        }
        if (base != null) {
            BreakingChanges diff = new BreakingChanges(base, c, loc, sink);
            diff.compare();
            changes = diff.changes;
            compared = true;
        }
        InlineSuppressions inline = InlineSuppressions.read(c, loc, sink);
        List<Finding> kept = new ArrayList<>();
        int suppressed = 0;
        for (Finding f : sink.findings) {
            if (suppressed(f, inline)) {
                suppressed++;
            } else {
                kept.add(f);
            }
        }
        return new Result(kept, suppressed, changes, compared);
    }

    private boolean suppressed(Finding f, InlineSuppressions inline) {
        if (f.ruleId().equals(Rules.SUPPRESSION_INVALID)) {
            return false;
        }
        if (inline.suppresses(f)) {
            return true;
        }
        return conventions.suppressions().stream().anyMatch(s -> s.matches(f));
    }
}
