package io.meshkit.differ.api;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.contract.Scd2Shape;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What to diff: a candidate table against production, keyed by {@code key}.
 *
 * @param production the table as it is (the "before")
 * @param candidate the table as the change makes it (the "after")
 * @param key the key columns, in order
 * @param normalisation how values are made comparable
 * @param sampleRate compare only keys whose sampling value (of the first key column) is below this rate, or empty for all
 * @param examples examples kept per column and per kind of change
 * @param personalData columns masked in every example (the contract's personal-data columns)
 * @param renames columns the candidate renamed (a contract's {@code meshkit.renamedFrom}): production's old column is
 *     compared with the candidate's new one, under the new name. When the diff runs, each old name must be a column
 *     of production and each new name one of the candidate (not the old), of comparable types (both numbers, or the
 *     same logical type), neither a key column, or the diff is refused ({@link ErrorCode#INVALID_ARGUMENT}) before
 *     anything runs; a rename production already has (the new name there, the old one gone) pairs nothing.
 * @param shape what the tables are: plain tables, each row one key, or type-2 dimensions ({@link #asDimension})
 */
public record DiffRequest(TableId production, TableId candidate, List<ColumnName> key, Normalisation normalisation,
        OptionalDouble sampleRate, int examples, Set<ColumnName> personalData, List<ColumnRename> renames, Shape shape) {

    /** What the two tables are, which decides what is compared. */
    public enum Shape {
        /** Each row is one key: rows are compared by the key. */
        TABLE,
        /**
         * Type-2 slowly changing dimensions (core's {@code Scd2Shape}: {@code valid_from}, {@code valid_to},
         * {@code is_current}, optionally {@code is_deleted}), the key being the business key: the live versions are
         * compared by it (the current state), and the histories version by version, summed up per key.
         */
        DIMENSION
    }

    /** Validates and copies. */
    public DiffRequest {
        requireNonNull(production, "production is null");
        requireNonNull(candidate, "candidate is null");
        key = List.copyOf(key);
        requireNonNull(normalisation, "normalisation is null");
        requireNonNull(sampleRate, "sampleRate is null");
        // names resolve without case in every warehouse we support: keep them lower-case for lookups
        personalData = personalData.stream().map(c -> ColumnName.of(c.name().toLowerCase(java.util.Locale.ROOT)))
                .collect(Collectors.toUnmodifiableSet());
        if (key.isEmpty()) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT,
                    "Cannot diff " + candidate + " against " + production + ": no key (give --key or a contract with a primary key)");
        }
        if (sampleRate.isPresent() && !(sampleRate.getAsDouble() > 0 && sampleRate.getAsDouble() <= 1)) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot sample: --sample must be in (0, 1], got " + sampleRate.getAsDouble());
        }
        if (examples < 0 || examples > 1000) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot diff: --examples must be 0..1000, got " + examples);
        }
        renames = List.copyOf(renames);
        requireDistinctRenames(renames, production, candidate);
        requireNonNull(shape, "shape is null");
        if (shape == Shape.DIMENSION && key.stream().anyMatch(k -> k.name().equalsIgnoreCase(Scd2Shape.VALID_FROM.name()))) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot diff " + candidate + " against " + production
                    + " as dimensions by " + key.stream().map(ColumnName::name).collect(Collectors.joining(", "))
                    + ": the key of a dimension diff is the business key, without " + Scd2Shape.VALID_FROM
                    + " (a key with it compares the versions as rows)");
        }
    }

    /** A request of two plain tables. */
    public DiffRequest(TableId production, TableId candidate, List<ColumnName> key, Normalisation normalisation,
            OptionalDouble sampleRate, int examples, Set<ColumnName> personalData, List<ColumnRename> renames) {
        this(production, candidate, key, normalisation, sampleRate, examples, personalData, renames, Shape.TABLE);
    }

    /** A request without renames. */
    public DiffRequest(TableId production, TableId candidate, List<ColumnName> key, Normalisation normalisation,
            OptionalDouble sampleRate, int examples, Set<ColumnName> personalData) {
        this(production, candidate, key, normalisation, sampleRate, examples, personalData, List.of());
    }

    /** No column is renamed twice, nor renamed into another rename's column. */
    private static void requireDistinctRenames(List<ColumnRename> renames, TableId production, TableId candidate) {
        for (int i = 0; i < renames.size(); i++) {
            ColumnRename r = renames.get(i);
            for (ColumnRename other : renames.subList(0, i)) {
                if (other.names(r.from()) || other.names(r.to())) {
                    throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot diff " + candidate + " against " + production
                            + " with the rename " + r + ": the rename " + other + " names one of its columns too");
                }
            }
        }
    }

    /** A request with defaults: exact comparison, no sampling, 5 examples, nothing masked. */
    public static DiffRequest of(TableId production, TableId candidate, List<ColumnName> key) {
        return new DiffRequest(production, candidate, key, Normalisation.EXACT, OptionalDouble.empty(), 5, Set.of());
    }

    /** Whether a column is personal data. */
    public boolean isPersonalData(ColumnName column) {
        return personalData.contains(ColumnName.of(column.name().toLowerCase(java.util.Locale.ROOT)));
    }

    /** Whether any key column is personal data (keys are then masked too). */
    public boolean keyIsPersonalData() {
        return key.stream().anyMatch(this::isPersonalData);
    }

    /** This request with other normalisation. */
    public DiffRequest withNormalisation(Normalisation n) {
        return new DiffRequest(production, candidate, key, n, sampleRate, examples, personalData, renames, shape);
    }

    /** This request with a sample rate. */
    public DiffRequest withSampleRate(double rate) {
        return new DiffRequest(production, candidate, key, normalisation, OptionalDouble.of(rate), examples, personalData, renames, shape);
    }

    /** This request with personal-data columns. */
    public DiffRequest withPersonalData(Set<ColumnName> columns) {
        return new DiffRequest(production, candidate, key, normalisation, sampleRate, examples, columns, renames, shape);
    }

    /** This request with another number of examples. */
    public DiffRequest withExamples(int n) {
        return new DiffRequest(production, candidate, key, normalisation, sampleRate, n, personalData, renames, shape);
    }

    /** This request with columns the candidate renamed (for a contract's: {@link ColumnRename#declaredBy}). */
    public DiffRequest withRenames(List<ColumnRename> columns) {
        return new DiffRequest(production, candidate, key, normalisation, sampleRate, examples, personalData, columns, shape);
    }

    /**
     * This request of two type-2 dimensions keyed by their business key (the contract's primary key, without
     * {@code valid_from}): the diff compares their current state by that key and their histories version by version.
     */
    public DiffRequest asDimension() {
        return new DiffRequest(production, candidate, key, normalisation, sampleRate, examples, personalData, renames, Shape.DIMENSION);
    }

    /** Whether the tables are dimensions ({@link #asDimension}). */
    public boolean isDimension() {
        return shape == Shape.DIMENSION;
    }

    /**
     * This request, checked for a diff across databases, which compares checksums of exactly normalised
     * rows: a sample rate or a relative tolerance cannot be honoured there and throws
     * {@link MeshkitException} ({@link ErrorCode#INVALID_ARGUMENT}).
     */
    public DiffRequest requireComparableAcrossDatabases() {
        if (isDimension()) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot diff dimensions across databases by their business key:"
                    + " it works for tables in one warehouse; give --key with " + Scd2Shape.VALID_FROM + " to compare their versions");
        }
        if (sampleRate.isPresent()) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT,
                    "Cannot sample a cross-database diff: --sample works for tables in one warehouse");
        }
        if (normalisation.relativeTolerance() > 0) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT,
                    "Cannot diff across databases with --rel-tolerance: checksums need exact normalised values; use --decimals");
        }
        return this;
    }
}
