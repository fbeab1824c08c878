package io.meshkit.differ.internal;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.type.DataType;
import io.meshkit.core.warehouse.ColumnInfo;
import io.meshkit.core.warehouse.TableInfo;
import io.meshkit.differ.api.ColumnRename;
import io.meshkit.differ.api.DiffRequest;
import io.meshkit.differ.api.SchemaDiff;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which production column is compared with which candidate column, and the schema diff that follows, for both
 * differs: columns of one name (without case) pair; a rename the request declares pairs production's old column
 * with the candidate's new one; the candidate's other columns are added (compared as NULL in production), and
 * production's other columns removed (a schema change only).
 *
 * @param compared the non-key columns compared: production's order, then the added ones in the candidate's
 * @param schema the columns added, removed, renamed and retyped (key columns included)
 */
record ColumnPairing(List<DiffStatements.Compared> compared, SchemaDiff schema) {
    ColumnPairing {
        compared = List.copyOf(compared);
    }

    /**
     * Pairs the columns of two described tables.
     *
     * @param key the key columns (they pair by name and are not compared)
     * @throws MeshkitException {@code INVALID_ARGUMENT} when a declared rename cannot be paired
     */
    static ColumnPairing of(DiffRequest request, TableInfo production, TableInfo candidate, List<ColumnName> key) {
        Set<String> keys = new HashSet<>();
        key.forEach(k -> keys.add(lower(k)));
        // production's old name -> the candidate's column of the new name
        Map<String, ColumnInfo> renamedTo = new HashMap<>();
        Set<String> renamedNew = new HashSet<>();
        for (ColumnRename r : request.renames()) {
            pair(request, production, candidate, keys, r).ifPresent(c -> {
                renamedTo.put(lower(r.from()), c);
                renamedNew.add(lower(c.name()));
            });
        }
        List<DiffStatements.Compared> compared = new ArrayList<>();
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<SchemaDiff.Retyped> retyped = new ArrayList<>();
        List<SchemaDiff.Renamed> renamed = new ArrayList<>();
        for (ColumnInfo pc : production.columns()) {
            ColumnInfo cc = renamedTo.get(lower(pc.name()));
            if (cc != null) {
                renamed.add(new SchemaDiff.Renamed(pc.name().name(), cc.name().name()));
            } else {
                cc = candidate.column(pc.name()).orElse(null);
            }
            if (cc == null) {
                // comparing a removed column as NULL would make every row that had a value in it a changed
                // row, when what changed is the schema
                removed.add(pc.name().name());
                continue;
            }
            if (!cc.type().equals(pc.type())) {
                retyped.add(new SchemaDiff.Retyped(cc.name().name(), pc.type().toString(), cc.type().toString()));
            }
            if (!keys.contains(lower(pc.name()))) {
                compared.add(new DiffStatements.Compared(pc, cc));
            }
        }
        for (ColumnInfo cc : candidate.columns()) {
            if (!renamedNew.contains(lower(cc.name())) && production.column(cc.name()).isEmpty()) {
                added.add(cc.name().name());
                if (!keys.contains(lower(cc.name()))) {
                    compared.add(new DiffStatements.Compared(null, cc));
                }
            }
        }
        return new ColumnPairing(compared, new SchemaDiff(added, removed, retyped, renamed));
    }

    /**
     * The candidate's column that production's old column of a rename is compared with, or empty when production
     * already has the rename (the new name, not the old); refused when the tables do not fit the rename.
     */
    private static Optional<ColumnInfo> pair(DiffRequest request, TableInfo production, TableInfo candidate, Set<String> keys,
            ColumnRename r) {
        Optional<ColumnInfo> old = production.column(r.from());
        boolean productionHasNew = production.column(r.to()).isPresent();
        if (old.isEmpty() && productionHasNew) {
            return Optional.empty();
        }
        String refused = "Cannot diff " + request.candidate() + " against " + request.production() + " with " + r.from()
                + " renamed to " + r.to() + ": ";
        if (keys.contains(lower(r.from())) || keys.contains(lower(r.to()))) {
            throw invalid(refused + "a key column pairs by its name (give --key with the columns both sides have)");
        }
        if (old.isEmpty()) {
            throw invalid(refused + request.production() + " has no column " + r.from());
        }
        if (productionHasNew) {
            throw invalid(refused + request.production() + " has both columns");
        }
        ColumnInfo renamed = candidate.column(r.to()).orElseThrow(() -> invalid(refused + request.candidate() + " has no column " + r.to()));
        if (candidate.column(r.from()).isPresent()) {
            throw invalid(refused + request.candidate() + " still has " + r.from());
        }
        DataType from = old.get().type();
        DataType to = renamed.type();
        if (!(from.isNumeric() && to.isNumeric()) && from.logicalType() != to.logicalType()) {
            throw invalid(refused + from + " and " + to + " are not comparable (a renamed column holds numbers on both sides,"
                    + " or values of one logical type)");
        }
        return Optional.of(renamed);
    }

    private static MeshkitException invalid(String message) {
        return new MeshkitException(ErrorCode.INVALID_ARGUMENT, message);
    }

    private static String lower(ColumnName c) {
        return c.name().toLowerCase(Locale.ROOT);
    }
}
