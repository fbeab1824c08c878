package io.meshkit.core.warehouse;

import io.meshkit.core.identifier.TableId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A warehouse that can make production tables serve release tables atomically: the write-audit-
 * publish promotion. A reader of a production table on another connection sees the rows it served
 * before or the rows of its release, never a missing, empty or half-written table.
 *
 * <p>How each warehouse does it:
 * <ul>
 *   <li>DuckDB: production becomes a view over the release table, re-pointed with
 *       {@code CREATE OR REPLACE VIEW} in one transaction. No data is copied, so the time does not
 *       depend on the table's size, and every promotion of one call commits together.</li>
 *   <li>PostgreSQL: the same, a view over the release table; the old view or table is dropped and
 *       the new view created in one transaction (a view's columns cannot change under
 *       {@code CREATE OR REPLACE VIEW}), so readers wait for the commit rather than see no table.</li>
 *   <li>BigQuery: a copy job from the release table to production with {@code WRITE_TRUNCATE}, which
 *       is atomic for one table. A call with several promotions runs several jobs: a reader may see
 *       some tables promoted and others not yet ({@link #promotesAtomicallyAcrossTables()} is false).</li>
 * </ul>
 *
 * <p>The release tables are never changed or dropped by a promotion: the caller keeps them as
 * versions to roll back to, and drops them when they are no longer needed, never the one a
 * production table serves.
 */
public interface SupportsPromotion {
    /**
     * Makes each production table serve its release table. Where the warehouse also
     * {@link SupportsTransactions supports transactions}, a call made inside
     * {@link SupportsTransactions#inTransaction} joins that transaction, so the caller can record the
     * publication in the same commit.
     *
     * @throws io.meshkit.core.error.NoSuchTableException if a release table does not exist
     */
    void promote(List<Promotion> promotions);

    /** Whether all the promotions of one {@link #promote} call become visible together. */
    boolean promotesAtomicallyAcrossTables();

    /**
     * The release table a production table serves, if it was last set by {@link #promote}; empty if
     * the production table does not exist or is a plain table or view made some other way.
     */
    Optional<TableId> servedRelease(TableId production);

    /**
     * The production table that serves {@code release} by reading it (a view {@link #promote} made over it), if one
     * does: the way back from {@link #servedRelease}, for a caller about to change a table in place. Where a promotion
     * copies the release into production instead (BigQuery), production reads its own copy and this is empty.
     */
    Optional<TableId> servingProduction(TableId release);

    /**
     * The statements or jobs {@link #promote} would run for these promotions, given what each
     * production table is now, for {@code --dry-run} output: a step that is a statement is the exact
     * text {@code promote} runs. Reads the catalog; changes nothing.
     */
    PromotionPlan planPromotion(List<Promotion> promotions);

    /**
     * {@link #planPromotion} for a caller that moves production tables aside before it calls {@link #promote} in the
     * same transaction (the publisher keeps a production table meshkit did not make beside the release): the plan for
     * each production in {@code movedAside} as if it did not exist, which is what {@code promote} will find. A dry run
     * then shows the statements the run reports. Reads the catalog; changes nothing.
     */
    default PromotionPlan planPromotion(List<Promotion> promotions, Set<TableId> movedAside) {
        return planPromotion(promotions);
    }
}
