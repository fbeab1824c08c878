package io.meshkit.cli.pipeline.steps;

import io.meshkit.cli.pipeline.StepOptions;
import io.meshkit.core.contract.Contract;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.quality.CheckStatus;
import io.meshkit.publisher.api.Mode;
import io.meshkit.publisher.api.PublishOutcome;
import io.meshkit.publisher.api.PublishPolicy;
import io.meshkit.publisher.api.PublishResult;
import io.meshkit.publisher.api.PublishTarget;
import io.meshkit.publisher.api.RowChangeSeverity;
import io.meshkit.publisher.api.StageResult;
import io.meshkit.publisher.api.StageSource;
import io.meshkit.publisher.api.ValidationReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalLong;

/** The publisher's steps: {@code transform} (stage), {@code validate} and {@code publish} (promote), each through {@code Publisher}. */
final class PublisherSteps {
    private PublisherSteps() {}

    /** The dataset and tables a step's options name for a contract. */
    static PublishTarget target(Contract contract, String path, StepOptions o) {
        PublishTarget t = PublishTarget.of(contract, contract.chooseDataset(o.text("--dataset").orElse(null), path));
        try {
            if (o.has("--production")) {
                t = t.withProduction(o.table("--production").orElseThrow());
            }
            if (o.has("--candidate")) {
                t = t.withCandidate(o.table("--candidate").orElseThrow());
            }
        } catch (IllegalArgumentException e) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot use the tables given: " + e.getMessage(), e);
        }
        return t;
    }

    /** The policy a step's options ask for, published by the run's actor. */
    static PublishPolicy policy(StepContext context, StepOptions o) {
        PublishPolicy d = PublishPolicy.defaults(context.actor());
        try {
            return new PublishPolicy(o.integer("--keep").orElse(d.keepVersions()), o.number("--max-row-change").orElse(d.maxRowChangePercent()),
                    o.text("--on-row-change").map(v -> RowChangeSeverity.valueOf(StepOptions.severity(v).toUpperCase(Locale.ROOT)))
                            .orElse(d.rowChangeSeverity()), o.duration("--lease-ttl").orElse(d.leaseTtl()), d.actor());
        } catch (IllegalArgumentException e) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot use the options given: " + e.getMessage(), e);
        }
    }

    /** {@code transform}: the SQL model into the dataset's candidate ({@link io.meshkit.publisher.api.Publisher#stage}). */
    static final class Transform extends ContractStep {
        Transform() {
            super("publish stage");
        }

        @Override
        CommandText command(Unit unit, StepContext context, String contract) {
            return CommandText.of("publish stage").option("--contract", context.files().path(contract))
                    .option("--query-file", context.files().path(unit.step().string("sql").orElseThrow()));
        }

        @Override
        Call call(Unit unit, StepContext context, String contract) {
            StepOptions o = options(unit, context);
            PublishTarget target = target(context.contract(contract), contract, o);
            StageSource sql = new StageSource.Query(query(context.files().path(unit.step().string("sql").orElseThrow())));
            StageResult r = context.publisher().stage(target, sql, PublishPolicy.defaults(context.actor()), Mode.RUN);
            long rows = r.rows().orElse(0);
            return Call.ok(rows, "staged " + r.candidate() + ", " + rows + " rows");
        }

        private static String query(Path file) {
            String sql;
            try {
                sql = Files.readString(file);
            } catch (NoSuchFileException e) {
                throw new MeshkitException(ErrorCode.FILE_NOT_FOUND, "Cannot read query file " + file + ": no such file", e);
            } catch (IOException e) {
                throw new MeshkitException(ErrorCode.FILE_NOT_FOUND, "Cannot read query file " + file + ": " + e.getMessage(), e);
            }
            if (sql.isBlank()) {
                throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot stage from an empty query in " + file);
            }
            return sql;
        }
    }

    /** {@code validate}: the audit of the candidate ({@link io.meshkit.publisher.api.Publisher#validate}). */
    static final class Validate extends ContractStep {
        Validate() {
            super("publish validate");
        }

        @Override
        Call call(Unit unit, StepContext context, String contract) {
            StepOptions o = options(unit, context);
            ValidationReport r = context.publisher().validate(target(context.contract(contract), contract, o), policy(context, o), Mode.RUN);
            if (!r.passed()) {
                return Call.found("meshkit publish validate found something (exit 1): " + failed(r));
            }
            return Call.ok(r.rows().orElse(0), r.dataset() + ": passed, " + r.count(CheckStatus.PASSED) + " checks passed, "
                    + r.count(CheckStatus.FAILED) + " failed, " + r.count(CheckStatus.WARNED) + " warned");
        }
    }

    /** {@code publish}: the audited candidate made production atomically ({@link io.meshkit.publisher.api.Publisher#promote}). */
    static final class Publish extends ContractStep {
        Publish() {
            super("publish promote");
        }

        @Override
        Call call(Unit unit, StepContext context, String contract) {
            StepOptions o = options(unit, context);
            PublishResult r = context.publisher().promote(target(context.contract(contract), contract, o), policy(context, o), Mode.RUN);
            String outcome = r.outcome().name().toLowerCase(Locale.ROOT);
            if (r.outcome() == PublishOutcome.REFUSED) {
                return Call.found("meshkit publish promote found something (exit 1): "
                        + r.validation().map(PublisherSteps::failed).orElse("the candidate was refused") + " (refused)");
            }
            String version = version(r.version());
            String previous = version(r.previousVersion());
            long rows = r.rows().orElse(0);
            context.report().published(r.dataset(), outcome, version, previous, rows);
            return Call.ok(rows, outcome + " " + r.dataset() + " " + version + " (was " + previous + "), " + rows + " rows");
        }

        private static String version(OptionalLong v) {
            return v.isPresent() ? "v" + v.getAsLong() : "none";
        }
    }

    /** The failed checks of an audit, in one line. */
    static String failed(ValidationReport r) {
        return r.count(CheckStatus.FAILED) + " checks failed: " + String.join(", ", r.checks().stream().filter(c -> c.status() == CheckStatus.FAILED)
                .map(c -> c.check() + (c.target().isEmpty() ? "" : " " + c.target())).toList());
    }
}
