package io.meshkit.publisher.internal;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.error.NoSuchTableException;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.Namespace;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.quality.CheckResult;
import io.meshkit.core.quality.CheckStatus;
import io.meshkit.core.quality.QualityCheck;
import io.meshkit.core.runlog.DatasetCatalog;
import io.meshkit.core.runlog.Lease;
import io.meshkit.core.runlog.Publication;
import io.meshkit.core.runlog.RunDatasets;
import io.meshkit.core.runlog.RunLog;
import io.meshkit.core.runlog.RunOutcome;
import io.meshkit.core.runlog.RunRecord;
import io.meshkit.core.runlog.WarehouseRunLog;
import io.meshkit.core.warehouse.ColumnInfo;
import io.meshkit.core.warehouse.Promotion;
import io.meshkit.core.warehouse.PromotionPlan;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.SqlBuilder;
import io.meshkit.core.warehouse.SupportsPromotion;
import io.meshkit.core.warehouse.SupportsTransactions;
import io.meshkit.core.warehouse.TableInfo;
import io.meshkit.core.warehouse.TableLayout;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.WriteMode;
import io.meshkit.publisher.api.Mode;
import io.meshkit.publisher.api.PublishListener;
import io.meshkit.publisher.api.PublishListener.Phase;
import io.meshkit.publisher.api.PublishOutcome;
import io.meshkit.publisher.api.PublishPolicy;
import io.meshkit.publisher.api.PublishResult;
import io.meshkit.publisher.api.PublishTarget;
import io.meshkit.publisher.api.Publisher;
import io.meshkit.publisher.api.StageResult;
import io.meshkit.publisher.api.StageSource;
import io.meshkit.publisher.api.ValidationReport;
import io.meshkit.publisher.api.VersionInfo;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.inject.Inject;

/**
 * The publisher over the {@link Warehouse} SPI. Production is switched only by
 * {@link SupportsPromotion#promote}; where the warehouse has transactions, renaming the candidate
 * into its version table, the switch and the publication record commit together, so a crash at any
 * moment leaves production and the run log on the old version or both on the new one.
 */
public final class DefaultPublisher implements Publisher {
    private static final String TOOL = "publish";
    /** The name an unmanaged production table is kept under when the first promotion replaces it. */
    static final String BEFORE_MESHKIT_SUFFIX = "__before_meshkit";
    /** How a plan shows the start and the end of the publisher's transaction: standard SQL (a promotion plan has no boundaries of its own). */
    private static final String BEGIN = "BEGIN TRANSACTION";
    private static final String COMMIT = "COMMIT";

    private final Warehouse warehouse;
    private final RunLog runLog;
    private final Clock clock;
    private final PublishListener listener;
    private final Auditor auditor;
    private volatile boolean catalogReady;

    /** A publisher on a warehouse, recording in a run log. */
    public DefaultPublisher(Warehouse warehouse, RunLog runLog, Clock clock) {
        this(warehouse, runLog, clock, PublishListener.NONE);
    }

    /** A publisher that tells a listener about each phase. */
    @Inject
    public DefaultPublisher(Warehouse warehouse, RunLog runLog, Clock clock, PublishListener listener) {
        this.warehouse = requireNonNull(warehouse, "warehouse is null");
        this.runLog = requireNonNull(runLog, "runLog is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.listener = requireNonNull(listener, "listener is null");
        this.auditor = new Auditor(warehouse);
    }

    // ---------------------------------------------------------------- stage

    @Override
    public StageResult stage(PublishTarget target, StageSource source, PublishPolicy policy, Mode mode) {
        if (mode == Mode.DRY_RUN) {
            return stagePlan(target, source);
        }
        return leased(target, policy, staged(target, source), run -> doStage(target, source), r -> RunOutcome.succeeded(r.rows().orElse(0)));
    }

    private StageResult stagePlan(PublishTarget target, StageSource source) {
        if (adopts(target, source)) {
            requireColumns("stage from", target.candidate());
            return new StageResult(target.datasetId(), target.candidate(), OptionalLong.empty(), true,
                    List.of("-- adopt " + target.candidate() + " as the candidate as it is (no copy)"), Mode.DRY_RUN);
        }
        return new StageResult(target.datasetId(), target.candidate(), OptionalLong.empty(), false, stageStatements(target, source),
                Mode.DRY_RUN);
    }

    private static boolean adopts(PublishTarget target, StageSource source) {
        return source instanceof StageSource.FromTable f && same(f.table(), target.candidate());
    }

    /** What staging runs: the warehouse's own statements for replacing a table, as its dialect spells them. */
    private List<String> stageStatements(PublishTarget target, StageSource source) {
        List<String> statements = new ArrayList<>();
        statements.add(sql().sql("CREATE SCHEMA IF NOT EXISTS ").namespace(target.candidate().namespace()).build().text());
        Sql select = sql().sql("SELECT * FROM (").append(select(source)).sql(") AS meshkit_source").build();
        warehouse.dialect().replaceTableAs(target.candidate(), select).forEach(s -> statements.add(s.text()));
        return statements;
    }

    private SqlBuilder sql() {
        return warehouse.dialect().sql();
    }

    /** The plan's line for renaming a table within its namespace. */
    private String renamed(TableId table, TableId to) {
        return sql().sql("ALTER TABLE ").table(table).sql(" RENAME TO ").tableName(to).build().text();
    }

    /** The plan's line for recording a publication. */
    private String recorded(long version) {
        return sql().sql("INSERT INTO ").table(WarehouseRunLog.PUBLICATIONS).build().text() + " -- version " + version;
    }

    private String dropped(TableId table) {
        return sql().sql("DROP TABLE ").table(table).build().text();
    }

    private Sql select(StageSource source) {
        if (source instanceof StageSource.Query q) {
            // wrapped in a subquery and CREATE TABLE ... AS: a final ";" or a comment on the last line must not break them
            Sql query = Sql.ofUserQuery(q.sql(), warehouse.dialect());
            if (query.isEmpty()) {
                throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot stage from a query that is only comments");
            }
            return query;
        }
        return sql().sql("SELECT * FROM ").table(((StageSource.FromTable) source).table()).build();
    }

    private StageResult doStage(PublishTarget target, StageSource source) {
        listener.onPhase(target.datasetId(), Phase.STAGING);
        if (adopts(target, source)) {
            TableInfo info = requireTable("stage from", target.candidate());
            return new StageResult(target.datasetId(), target.candidate(), OptionalLong.of(info.rowCount()), true,
                    List.of("-- adopted " + target.candidate() + " as the candidate as it is (no copy)"), Mode.RUN);
        }
        if (source instanceof StageSource.FromTable f) {
            requireColumns("stage from", f.table());
        }
        warehouse.createNamespace(target.candidate().namespace());
        var stats = warehouse.createTableAs(target.candidate(), select(source), TableLayout.NONE, WriteMode.REPLACE);
        long rows = stats.rowsAffected().isPresent() ? stats.rowsAffected().getAsLong()
                : requireTable("stage", target.candidate()).rowCount();
        return new StageResult(target.datasetId(), target.candidate(), OptionalLong.of(rows), false, stageStatements(target, source), Mode.RUN);
    }

    // ---------------------------------------------------------------- validate

    @Override
    public ValidationReport validate(PublishTarget target, PublishPolicy policy, Mode mode) {
        if (mode == Mode.DRY_RUN) {
            return validationPlan(target, policy);
        }
        listener.onPhase(target.datasetId(), Phase.VALIDATING);
        TableInfo candidate = requireCandidate("validate", target.candidate());
        Optional<TableInfo> production = warehouse.describe(target.production());
        List<CheckResult> checks = new ArrayList<>(auditor.schema(target, candidate, production));
        boolean schemaOk = checks.stream().allMatch(CheckResult::passed);
        OptionalLong servedNow = servedVersion(target);
        Optional<String> publishedWith = servedNow.isPresent()
                ? firstPublication(target, servedNow.getAsLong()).map(Publication::contractVersion) : Optional.empty();
        checks.addAll(auditor.schemaChanges(target, candidate, production, publishedWith));
        Optional<String> checksum = Optional.empty();
        if (schemaOk) {
            // the quality checks and the checksum share one scan of the candidate
            Auditor.Audit audit = auditor.qualityAndChecksum(target, contractColumns(target));
            checks.addAll(audit.quality());
            checksum = Optional.of(audit.checksum().value());
        } else {
            checks.add(new CheckResult("quality", target.dataset().name(), CheckStatus.SKIPPED, Optional.empty(), "columns as in the contract",
                    List.of(), "the contract's quality checks were not run: the columns do not match the contract"));
        }
        Optional<Long> productionRows = production.map(TableInfo::rowCount);
        checks.add(Auditor.rowChange(target, candidate.rowCount(), productionRows, policy));
        return new ValidationReport(target.datasetId(), target.candidate(), productionRows.map(r -> target.production()),
                OptionalLong.of(candidate.rowCount()), productionRows.map(OptionalLong::of).orElse(OptionalLong.empty()), checksum,
                checks, List.of());
    }

    private ValidationReport validationPlan(PublishTarget target, PublishPolicy policy) {
        List<String> plan = new ArrayList<>();
        plan.add("-- schema: " + target.candidate() + " has exactly the columns " + Auditor.expectedColumns(target.dataset()).entrySet().stream()
                .map(e -> e.getKey().name() + " " + e.getValue()).collect(Collectors.joining(", ")));
        for (QualityCheck c : auditor.qualityChecks(target)) {
            String how = c.measure() instanceof QualityCheck.Aggregate a
                    ? sql().sql("SELECT ").append(a.expression()).sql(" FROM ").table(target.candidate()).build().text()
                    : c.measure() instanceof QualityCheck.Query q ? q.query().text() : "not runnable";
            plan.add("-- check " + c.id() + " (" + c.target() + ", " + c.threshold().describe() + (c.percent() ? " %" : "") + "): " + how);
        }
        plan.add("-- row_count_change: rows of " + target.candidate() + " against " + target.production() + ", at most "
                + policy.maxRowChangePercent() + " % (" + policy.rowChangeSeverity().name().toLowerCase(Locale.ROOT) + ")");
        plan.add(auditor.checksumSql(target.candidate(), contractColumns(target)).text());
        return new ValidationReport(target.datasetId(), target.candidate(),
                warehouse.columns(target.production()).map(t -> target.production()), OptionalLong.empty(), OptionalLong.empty(),
                Optional.empty(), List.of(), plan);
    }

    private static List<ColumnName> contractColumns(PublishTarget target) {
        return List.copyOf(Auditor.expectedColumns(target.dataset()).keySet());
    }

    // ---------------------------------------------------------------- promote and backfill

    @Override
    public PublishResult promote(PublishTarget target, PublishPolicy policy, Mode mode) {
        SupportsPromotion promotion = promotion();
        if (mode == Mode.DRY_RUN) {
            requireCandidateExists("promote", target.candidate());
            return promotePlan(target, policy, Optional.empty(), promotion);
        }
        // a candidate that does not exist (a mistyped --candidate) is bad input, not a failed run of production:
        // refused before the dataset's lease and run (checked again under the lease)
        requireCandidateExists("promote", target.candidate());
        return leased(target, policy, promoted(target), run -> {
            requireCandidateExists("promote", target.candidate());
            return auditAndSwap(target, policy, run, Optional.empty());
        }, DefaultPublisher::outcome);
    }

    @Override
    public PublishResult backfill(PublishTarget target, StageSource source, PublishPolicy policy, Mode mode) {
        SupportsPromotion promotion = promotion();
        if (mode == Mode.DRY_RUN) {
            return promotePlan(target, policy, Optional.of(stagePlan(target, source)), promotion);
        }
        return leased(target, policy, backfilled(target, source), run -> auditAndSwap(target, policy, run, Optional.of(doStage(target, source))),
                DefaultPublisher::outcome);
    }

    private PublishResult promotePlan(PublishTarget target, PublishPolicy policy, Optional<StageResult> stage, SupportsPromotion promotion) {
        ValidationReport audit = validationPlan(target, policy);
        OptionalLong served = servedVersion(target);
        long next = nextVersion(target);
        TableId release = target.versionTable(next);
        List<String> plan = new ArrayList<>();
        stage.ifPresent(s -> plan.addAll(s.plan()));
        plan.addAll(audit.plan());
        plan.add("-- if every check passes and the checksum differs from the served version's:");
        List<String> moves = new ArrayList<>(List.of(renamed(target.candidate(), release)));
        boolean unmanaged = served.isEmpty() && exists(target.production());
        if (unmanaged) {
            moves.add(renamed(target.production(), keptOriginal(target)));
        }
        // planned as the run plans it, after the moves: a production moved aside is no longer there to drop
        plan.addAll(switchPlan(moves, promotion.planPromotion(List.of(new Promotion(target.production(), release)),
                unmanaged ? Set.of(target.production()) : Set.of()), next));
        List<TableId> drops = prunable(target, policy, next, List.of(next));
        drops.forEach(t -> plan.add(dropped(t)));
        return new PublishResult(target.datasetId(), PublishOutcome.DRY_RUN, target.production(), OptionalLong.of(next), served,
                Optional.of(release), OptionalLong.empty(), Optional.empty(), stage, Optional.of(audit), drops, Duration.ZERO, plan);
    }

    private PublishResult auditAndSwap(PublishTarget target, PublishPolicy policy, RunRecord run, Optional<StageResult> stage) {
        ValidationReport audit = validate(target, policy, Mode.RUN);
        OptionalLong served = servedVersion(target);
        if (!audit.passed()) {
            return new PublishResult(target.datasetId(), PublishOutcome.REFUSED, target.production(), OptionalLong.empty(), served,
                    Optional.empty(), OptionalLong.empty(), Optional.empty(), stage, Optional.of(audit), List.of(), Duration.ZERO, List.of());
        }
        String checksum = audit.checksum().orElseThrow();
        long rows = audit.rows().orElseThrow();
        if (served.isPresent()) {
            Optional<Publication> current = firstPublication(target, served.getAsLong());
            // the checksum is of the values: a declared rename keeps them all, so the columns must match too
            if (current.isPresent() && current.get().checksum().equals(checksum)
                    && sameColumns(target.candidate(), target.versionTable(served.getAsLong()))) {
                // production already serves this content: a rerun after a crash, or an unchanged rebuild
                warehouse.drop(target.candidate());
                return new PublishResult(target.datasetId(), PublishOutcome.UNCHANGED, target.production(), served, served,
                        Optional.of(target.versionTable(served.getAsLong())), OptionalLong.of(rows), Optional.of(checksum), stage,
                        Optional.of(audit), List.of(), Duration.ZERO, List.of(dropped(target.candidate())));
            }
        }
        long next = nextVersion(target);
        TableId release = target.versionTable(next);
        boolean unmanaged = served.isEmpty() && exists(target.production());
        Publication publication = new Publication(target.datasetId(), next, target.contract().version(), target.production(), rows,
                checksum, now(), policy.actor(), run.runId());
        List<String> moves = new ArrayList<>(List.of(renamed(target.candidate(), release)));
        TableId keptOriginal = keptOriginal(target);
        if (unmanaged) {
            moves.add(renamed(target.production(), keptOriginal));
        }
        List<Promotion> promotions = List.of(new Promotion(target.production(), release));
        List<PromotionPlan> ran = new ArrayList<>(1);
        warehouse.createNamespace(target.production().namespace());
        Duration swap = atomically(target, w -> {
            w.replace(release, target.candidate()); // same namespace: a rename, no copy
            if (unmanaged) {
                w.replace(keptOriginal, target.production()); // nothing lost: the pre-meshkit table stays beside production
            }
            SupportsPromotion promotion = (SupportsPromotion) w;
            // planned here, after the moves, so the report shows the statements promote runs next in this transaction
            ran.add(promotion.planPromotion(promotions));
            promotion.promote(promotions);
            new WarehouseRunLog(w, clock).recordPublication(publication);
        });
        List<String> plan = switchPlan(moves, ran.get(0), next);
        List<TableId> dropped = prune(target, policy, next);
        return new PublishResult(target.datasetId(), PublishOutcome.PROMOTED, target.production(), OptionalLong.of(next), served,
                Optional.of(release), OptionalLong.of(rows), Optional.of(checksum), stage, Optional.of(audit), dropped, swap, plan);
    }

    /** Where the first promotion keeps a production table meshkit did not make: beside it, {@link #BEFORE_MESHKIT_SUFFIX}. */
    private static TableId keptOriginal(PublishTarget target) {
        return target.production().withName(target.production().name() + BEFORE_MESHKIT_SUFFIX);
    }

    /**
     * The lines of a switch as {@link #atomically} runs it: the publisher's own statements, the
     * warehouse's promotion steps and the record of the publication, in one transaction where the
     * warehouse has them; otherwise only a promotion whose steps commit together is shown in one.
     */
    private List<String> switchPlan(List<String> before, PromotionPlan promotion, long version) {
        boolean oneTransaction = warehouse instanceof SupportsTransactions;
        boolean promotionTransaction = !oneTransaction && promotion.commit() == PromotionPlan.Commit.TOGETHER;
        List<String> lines = new ArrayList<>();
        if (oneTransaction) {
            lines.add(BEGIN);
        }
        lines.addAll(before);
        if (promotionTransaction) {
            lines.add(BEGIN);
        }
        lines.addAll(promotion.lines());
        if (promotionTransaction) {
            lines.add(COMMIT);
        }
        lines.add(recorded(version));
        if (oneTransaction) {
            lines.add(COMMIT);
        }
        return lines;
    }

    /** Runs the switch in one transaction where the warehouse has them; returns how long it took. */
    private Duration atomically(PublishTarget target, Consumer<Warehouse> steps) {
        listener.onPhase(target.datasetId(), Phase.SWAPPING);
        long start = System.nanoTime();
        if (warehouse instanceof SupportsTransactions tx) {
            tx.inTransaction(w -> {
                steps.accept(w);
                return null;
            });
        } else {
            steps.accept(warehouse); // without transactions each step is atomic on its own; a rerun converges
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        listener.onPhase(target.datasetId(), Phase.SWAPPED);
        return took;
    }

    private static RunOutcome outcome(PublishResult r) {
        if (r.outcome() == PublishOutcome.REFUSED) {
            long failed = r.validation().map(v -> v.count(CheckStatus.FAILED)).orElse(0L);
            return RunOutcome.failed("Cannot promote dataset " + r.dataset() + ": the candidate failed " + failed + " check(s)");
        }
        return RunOutcome.succeeded(r.rows().orElse(0));
    }

    // ---------------------------------------------------------------- rollback

    @Override
    public PublishResult rollback(PublishTarget target, OptionalLong version, PublishPolicy policy, Mode mode) {
        SupportsPromotion promotion = promotion();
        if (mode == Mode.DRY_RUN) {
            return rollbackTo(target, version, policy, Mode.DRY_RUN, null, promotion);
        }
        return leased(target, policy, promoted(target), run -> rollbackTo(target, version, policy, Mode.RUN, run, promotion),
                DefaultPublisher::outcome);
    }

    private PublishResult rollbackTo(PublishTarget target, OptionalLong version, PublishPolicy policy, Mode mode, RunRecord run,
            SupportsPromotion promotion) {
        OptionalLong served = servedVersion(target);
        if (served.isEmpty()) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot roll back dataset " + target.datasetId() + ": "
                    + target.production() + " was never promoted by meshkit");
        }
        List<Long> kept = keptVersions(target);
        long to;
        if (version.isPresent()) {
            to = version.getAsLong();
        } else {
            to = kept.stream().filter(v -> v < served.getAsLong()).max(Comparator.naturalOrder()).orElseThrow(() -> new MeshkitException(
                    ErrorCode.INVALID_ARGUMENT, "Cannot roll back dataset " + target.datasetId() + ": no version before v" + served.getAsLong()
                            + " is kept (kept: " + describe(kept) + ")"));
        }
        if (!kept.contains(to)) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot roll back dataset " + target.datasetId() + " to v" + to
                    + ": that version is not kept (kept: " + describe(kept) + ")");
        }
        TableId release = target.versionTable(to);
        Optional<Publication> original = firstPublication(target, to);
        List<String> plan = switchPlan(List.of(), promotion.planPromotion(List.of(new Promotion(target.production(), release))), to);
        if (to == served.getAsLong()) {
            return new PublishResult(target.datasetId(), mode == Mode.DRY_RUN ? PublishOutcome.DRY_RUN : PublishOutcome.UNCHANGED,
                    target.production(), served, served, Optional.of(release), original.map(p -> OptionalLong.of(p.rows())).orElse(OptionalLong.empty()),
                    original.map(Publication::checksum), Optional.empty(), Optional.empty(), List.of(), Duration.ZERO, List.of());
        }
        if (mode == Mode.DRY_RUN) {
            return new PublishResult(target.datasetId(), PublishOutcome.DRY_RUN, target.production(), OptionalLong.of(to), served,
                    Optional.of(release), OptionalLong.empty(), original.map(Publication::checksum), Optional.empty(), Optional.empty(),
                    List.of(), Duration.ZERO, plan);
        }
        long rows = original.map(Publication::rows).orElseGet(() -> requireTable("roll back to", release).rowCount());
        Publication publication = new Publication(target.datasetId(), to,
                original.map(Publication::contractVersion).orElse(target.contract().version()), target.production(), rows,
                original.map(Publication::checksum).orElseGet(() -> auditor.checksum(release, contractColumns(target)).value()), now(),
                policy.actor(), run.runId());
        Duration swap = atomically(target, w -> {
            ((SupportsPromotion) w).promote(List.of(new Promotion(target.production(), release)));
            new WarehouseRunLog(w, clock).recordPublication(publication);
        });
        return new PublishResult(target.datasetId(), PublishOutcome.PROMOTED, target.production(), OptionalLong.of(to), served,
                Optional.of(release), OptionalLong.of(rows), Optional.of(publication.checksum()), Optional.empty(), Optional.empty(),
                List.of(), swap, plan);
    }

    private static String describe(List<Long> versions) {
        return versions.isEmpty() ? "none" : versions.stream().map(v -> "v" + v).collect(Collectors.joining(", "));
    }

    // ---------------------------------------------------------------- history

    @Override
    public List<VersionInfo> history(PublishTarget target) {
        OptionalLong served = servedVersion(target);
        List<Long> kept = keptVersions(target);
        Map<Long, List<Publication>> byVersion = new TreeMap<>(Comparator.reverseOrder());
        for (Publication p : publications(target)) {
            byVersion.computeIfAbsent(p.version(), v -> new ArrayList<>()).add(p);
        }
        List<VersionInfo> out = new ArrayList<>();
        byVersion.forEach((version, pubs) -> {
            Publication first = pubs.stream().min(Comparator.comparing(Publication::publishedAt)).orElseThrow();
            Instant last = pubs.stream().map(Publication::publishedAt).max(Comparator.naturalOrder()).orElseThrow();
            out.add(new VersionInfo(version, target.versionTable(version), first.rows(), first.contractVersion(), first.checksum(),
                    first.publishedAt(), last, first.publishedBy(), served.isPresent() && served.getAsLong() == version,
                    kept.contains(version)));
        });
        return out;
    }

    // ---------------------------------------------------------------- versions and state

    /** The version production serves, read from the warehouse (not the log: the warehouse is the truth). */
    private OptionalLong servedVersion(PublishTarget target) {
        return promotion().servedRelease(target.production()).map(t -> versionOf(target, t)).filter(OptionalLong::isPresent)
                .orElse(OptionalLong.empty());
    }

    private static OptionalLong versionOf(PublishTarget target, TableId table) {
        String prefix = target.versionPrefix().toLowerCase(Locale.ROOT);
        String name = table.name().toLowerCase(Locale.ROOT);
        if (!same(table.namespace(), target.candidate().namespace()) || !name.startsWith(prefix)) {
            return OptionalLong.empty();
        }
        String digits = name.substring(prefix.length());
        if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(Character::isDigit)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(digits));
    }

    /** The version numbers whose tables exist, newest first. */
    private List<Long> keptVersions(PublishTarget target) {
        return warehouse.listTables(target.candidate().namespace()).stream().map(t -> versionOf(target, t))
                .filter(OptionalLong::isPresent).map(OptionalLong::getAsLong).sorted(Comparator.reverseOrder()).toList();
    }

    private long nextVersion(PublishTarget target) {
        long maxTable = keptVersions(target).stream().findFirst().orElse(0L);
        long maxPublished = publications(target).stream().mapToLong(Publication::version).max().orElse(0L);
        return Math.max(maxTable, maxPublished) + 1;
    }

    /** Version tables beyond the newest {@code keep}, never one in {@code protect} or the one served. */
    private List<TableId> prunable(PublishTarget target, PublishPolicy policy, long newest, List<Long> protect) {
        OptionalLong served = servedVersion(target);
        List<Long> versions = new ArrayList<>(keptVersions(target));
        if (!versions.contains(newest)) {
            versions.add(newest);
            versions.sort(Comparator.reverseOrder());
        }
        List<TableId> out = new ArrayList<>();
        for (int i = policy.keepVersions(); i < versions.size(); i++) {
            long v = versions.get(i);
            if (!protect.contains(v) && !(served.isPresent() && served.getAsLong() == v)) {
                out.add(target.versionTable(v));
            }
        }
        return out;
    }

    private List<TableId> prune(PublishTarget target, PublishPolicy policy, long newest) {
        List<TableId> dropped = new ArrayList<>();
        for (TableId t : prunable(target, policy, newest, List.of(newest))) {
            if (warehouse.drop(t)) {
                dropped.add(t);
            }
        }
        return dropped;
    }

    private Optional<Publication> firstPublication(PublishTarget target, long version) {
        return publications(target).stream().filter(p -> p.version() == version).min(Comparator.comparing(Publication::publishedAt));
    }

    /** The dataset's publications; none (and nothing created) if the run log does not exist yet. */
    private List<Publication> publications(PublishTarget target) {
        boolean logged = warehouse.listTables(Namespace.META).stream().anyMatch(t -> same(t, WarehouseRunLog.PUBLICATIONS));
        return logged ? runLog.publications(target.datasetId(), 100_000) : List.of();
    }

    // ---------------------------------------------------------------- plumbing

    /** For lineage: a stage reads its source table (a query is opaque) and writes the candidate. */
    private static RunDatasets staged(PublishTarget target, StageSource source) {
        List<RunDatasets.Ref> inputs = source instanceof StageSource.FromTable t ? List.of(RunDatasets.Ref.table(t.table())) : List.of();
        return new RunDatasets(inputs, List.of(RunDatasets.Ref.table(target.candidate(), target.dataset())));
    }

    /** For lineage: a promotion (or rollback) reads the candidate's versions and writes production. */
    private static RunDatasets promoted(PublishTarget target) {
        return RunDatasets.of(RunDatasets.Ref.table(target.candidate(), target.dataset()),
                RunDatasets.Ref.table(target.production(), target.dataset()));
    }

    /** For lineage: a backfill stages and promotes. */
    private static RunDatasets backfilled(PublishTarget target, StageSource source) {
        RunDatasets staged = staged(target, source);
        List<RunDatasets.Ref> inputs = new ArrayList<>(staged.inputs());
        inputs.add(RunDatasets.Ref.table(target.candidate(), target.dataset()));
        return new RunDatasets(inputs, List.of(RunDatasets.Ref.table(target.production(), target.dataset())));
    }

    private <T> T leased(PublishTarget target, PublishPolicy policy, RunDatasets datasets, Function<RunRecord, T> work,
            Function<T, RunOutcome> outcome) {
        Lease lease = runLog.acquireLease(target.datasetId(), holder(policy), policy.leaseTtl());
        // a holder killed on this host is taken over at once; say so (stderr: the report on stdout stays as it was)
        lease.tookOver().ifPresent(note -> System.err.println("note: " + target.datasetId() + ": " + note));
        try {
            listener.onPhase(target.datasetId(), Phase.LEASED);
            ensureCatalog();
            RunRecord run = runLog.startRun(TOOL, target.datasetId(), datasets);
            T result;
            try {
                result = work.apply(run);
            } catch (RuntimeException e) {
                try {
                    runLog.finishRun(run.runId(), RunOutcome.failed(e instanceof MeshkitException ? e.getMessage()
                            : "Internal error: " + e.getClass().getSimpleName()));
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
            runLog.finishRun(run.runId(), outcome.apply(result));
            return result;
        } finally {
            runLog.releaseLease(lease);
        }
    }

    private void ensureCatalog() {
        if (!catalogReady) {
            DatasetCatalog.create(warehouse, new WarehouseRunLog(warehouse, clock));
            catalogReady = true;
        }
    }

    private static String holder(PublishPolicy policy) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "unknown host";
        }
        return "publish by " + policy.actor() + " (pid " + ProcessHandle.current().pid() + " on " + host + ")";
    }

    private SupportsPromotion promotion() {
        if (warehouse instanceof SupportsPromotion p) {
            return p;
        }
        throw new MeshkitException(ErrorCode.INVALID_ARGUMENT,
                "Cannot publish on warehouse " + warehouse.uri() + ": it cannot promote tables atomically");
    }

    private TableInfo requireTable(String verb, TableId table) {
        return warehouse.describe(table).orElseThrow(() -> new NoSuchTableException(verb, table));
    }

    /** The columns of a table that must exist, from the catalog: where its row count does not matter. */
    private List<ColumnInfo> requireColumns(String verb, TableId table) {
        return warehouse.columns(table).orElseThrow(() -> new NoSuchTableException(verb, table));
    }

    private TableInfo requireCandidate(String verb, TableId candidate) {
        return warehouse.describe(candidate).orElseThrow(() -> NoSuchTableException.candidate(verb, candidate));
    }

    /** {@link #requireCandidate} from the catalog: where the candidate's row count does not matter. */
    private void requireCandidateExists(String verb, TableId candidate) {
        warehouse.columns(candidate).orElseThrow(() -> NoSuchTableException.candidate(verb, candidate));
    }

    /** Whether two tables have the same columns (names, in any case, and types) in the same order. */
    private boolean sameColumns(TableId a, TableId b) {
        Optional<List<ColumnInfo>> x = warehouse.columns(a);
        Optional<List<ColumnInfo>> y = warehouse.columns(b);
        if (x.isEmpty() || y.isEmpty() || x.get().size() != y.get().size()) {
            return false;
        }
        for (int i = 0; i < x.get().size(); i++) {
            var cx = x.get().get(i);
            var cy = y.get().get(i);
            if (!cx.name().name().equalsIgnoreCase(cy.name().name()) || !cx.type().equals(cy.type())) {
                return false;
            }
        }
        return true;
    }

    private boolean exists(TableId table) {
        return warehouse.listTables(table.namespace()).stream().anyMatch(t -> same(t, table));
    }

    private static boolean same(TableId a, TableId b) {
        return same(a.namespace(), b.namespace()) && a.name().equalsIgnoreCase(b.name());
    }

    private static boolean same(Namespace a, Namespace b) {
        return a.name().equalsIgnoreCase(b.name());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
