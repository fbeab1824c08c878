package io.meshkit.linter.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every rule of the linter, with its documentation. Ids are stable: conventions and suppressions name them. */
public final class Rules {
    public static final String CONTRACT_INVALID = "contract-invalid";
    public static final String CONTRACT_WARNING = "contract-warning";
    public static final String SUPPRESSION_INVALID = "suppression-invalid";
    public static final String NAMING_CASE = "naming-case";
    public static final String NAMING_RESERVED = "naming-reserved";
    public static final String NAMING_LENGTH = "naming-length";
    public static final String TYPE_BY_NAME = "type-by-name";
    public static final String GLOSSARY_ALIAS = "glossary-alias";
    public static final String GLOSSARY_NEAR_MISS = "glossary-near-miss";
    public static final String META_DATASET_DESCRIPTION = "meta-dataset-description";
    public static final String META_OWNER = "meta-owner";
    public static final String META_COLUMN_DESCRIPTION = "meta-column-description";
    public static final String META_PRIMARY_KEY = "meta-primary-key";
    public static final String META_FRESHNESS_SLA = "meta-freshness-sla";
    public static final String META_PERSONAL_DATA = "meta-personal-data";
    public static final String SHAPE_SCD2 = "shape-scd2";
    public static final String SAMPLING_KEY_MISSING = "sampling-key-missing";
    public static final String SAMPLING_KEY_SHAPE = "sampling-key-shape";
    public static final String BREAKING_COLUMN_REMOVED = "breaking-column-removed";
    public static final String BREAKING_COLUMN_RENAMED = "breaking-column-renamed";
    public static final String BREAKING_TYPE_CHANGED = "breaking-type-changed";
    public static final String BREAKING_REQUIRED_ADDED = "breaking-required-added";
    public static final String BREAKING_PRIMARY_KEY_CHANGED = "breaking-primary-key-changed";
    public static final String BREAKING_DATASET_RENAMED = "breaking-dataset-renamed";
    public static final String BREAKING_DATASET_REMOVED = "breaking-dataset-removed";
    public static final String VERSION_BUMP = "version-bump";
    public static final String DRIFT_TABLE_MISSING = "drift-table-missing";
    public static final String DRIFT_COLUMN_MISSING = "drift-column-missing";
    public static final String DRIFT_COLUMN_EXTRA = "drift-column-extra";
    public static final String DRIFT_TYPE = "drift-type";

    private static final String BREAKING_NOTE = " An error unless the contract's major version went up (then a note);"
            + " listed in the changelog either way.";

    private static final List<RuleInfo> ALL = List.of(
            new RuleInfo(CONTRACT_INVALID, "contract", Severity.ERROR,
                    "The file is not a valid ODCS v3 contract.",
                    "Every error the contract reader reports (what the official ODCS schema of the contract's"
                            + " apiVersion refuses, unsafe names, unknown types, duplicate columns, unknown meshkit"
                            + " settings...) at its line and column, as 'meshkit contract validate' says it. Not a"
                            + " finding but bad input: the lint stops with exit 2 before the other rules run (with"
                            + " --format github or sarif the errors are annotations under this id too). Cannot be"
                            + " turned off or suppressed.",
                    "properties:\n  - name: plays\n    logicalType: strng", "properties:\n  - name: plays\n    logicalType: string"),
            new RuleInfo(CONTRACT_WARNING, "contract", Severity.WARNING,
                    "The contract reader warns about a setting that has no effect.",
                    "Warnings of the contract reader, e.g. meshkit.deletes on a dataset that is not a dimension.",
                    "- property: meshkit.kind\n  value: fact\n- property: meshkit.deletes\n  value: tombstone",
                    "- property: meshkit.kind\n  value: fact"),
            new RuleInfo(SUPPRESSION_INVALID, "contract", Severity.ERROR,
                    "An inline suppression lacks its rule or reason, or names an unknown rule.",
                    "Inline suppressions are written under customProperties as meshkit.lint.suppress, a list of"
                            + " {rule, reason}; both are required so that every exception is explained. Keys under"
                            + " meshkit.lint. other than suppress are rejected too.",
                    "- property: meshkit.lint.suppress\n  value:\n    - rule: type-by-name",
                    "- property: meshkit.lint.suppress\n  value:\n    - rule: type-by-name\n      reason: consumers read it as text until v2"),
            new RuleInfo(NAMING_CASE, "naming", Severity.ERROR,
                    "Dataset and column names are snake_case.",
                    "Names (and physical names) of datasets and columns must match naming.pattern, by default"
                            + " ^[a-z][a-z0-9]*(_[a-z0-9]+)*$: lower case, digits, single underscores between words.",
                    "- name: userId", "- name: user_id"),
            new RuleInfo(NAMING_RESERVED, "naming", Severity.ERROR,
                    "A name is an SQL reserved word.",
                    "Dataset and column names must not be in naming.reserved (SQL keywords reserved by the"
                            + " common engines and MySQL): they need quoting in every query a consumer writes.",
                    "- name: order", "- name: order_number"),
            new RuleInfo(NAMING_LENGTH, "naming", Severity.WARNING,
                    "A name is longer than naming.maxLength.",
                    "Dataset and column names longer than naming.maxLength (default 63, the shortest"
                            + " common limit) get truncated or rejected by some engines and tools.",
                    "- name: number_of_times_the_listener_skipped_the_track_within_thirty_seconds",
                    "- name: num_early_skips"),
            new RuleInfo(TYPE_BY_NAME, "typing", Severity.ERROR,
                    "The column's name promises a type it does not have.",
                    "Each entry of types (a name pattern with * wildcards and the logical types it allows) is"
                            + " tried in order and the first pattern that matches decides: *_timestamp and *_at"
                            + " are timestamps, *_date dates, is_* and has_* booleans, *_id integers or strings,"
                            + " *_count and num_* integers, duration suffixes (*_ms, *_seconds, *_duration...)"
                            + " numbers.",
                    "- name: event_timestamp\n  logicalType: date", "- name: event_timestamp\n  logicalType: timestamp"),
            new RuleInfo(GLOSSARY_ALIAS, "glossary", Severity.ERROR,
                    "A column uses a forbidden alias of a glossary name.",
                    "The glossary lists canonical names with their forbidden aliases; a column named like an"
                            + " alias must use the canonical name, so that one thing has one name across datasets.",
                    "- name: user_logged_in_id", "- name: user_id"),
            new RuleInfo(GLOSSARY_NEAR_MISS, "glossary", Severity.WARNING,
                    "A column name is a near miss of a glossary name (did you mean ...?).",
                    "A column whose name equals a glossary name once underscores are dropped, or is one edit"
                            + " (two for long names) away from it while matching the same type pattern, is probably"
                            + " a misspelling of it.",
                    "- name: usr_id", "- name: user_id"),
            new RuleInfo(META_DATASET_DESCRIPTION, "metadata", Severity.ERROR,
                    "A dataset has no description.",
                    "Every schema object needs a description: consumers find datasets by reading them.",
                    "- name: plays\n  properties: ...", "- name: plays\n  description: One row per play, appended once.\n  properties: ..."),
            new RuleInfo(META_OWNER, "metadata", Severity.ERROR,
                    "The contract names no owning team.",
                    "A contract needs a team: a name (ODCS v3.1) or at least one member (v3.0), so that consumers"
                            + " and alerts know whom to ask.",
                    "id: urn:meshkit:music:plays\nversion: 1.0.0",
                    "team:\n  name: music-listening\n  members:\n    - username: listening-oncall\n      role: owner"),
            new RuleInfo(META_COLUMN_DESCRIPTION, "metadata", Severity.WARNING,
                    "A column has no description.",
                    "Every property should say what it holds, with its unit where it has one.",
                    "- name: ms_played\n  logicalType: integer",
                    "- name: ms_played\n  logicalType: integer\n  description: How long the track was played, in milliseconds."),
            new RuleInfo(META_PRIMARY_KEY, "metadata", Severity.ERROR,
                    "A dataset that has a key does not declare it.",
                    "Datasets of the kinds in primaryKey.requiredFor (default dimension and snapshot) must mark"
                            + " their key with primaryKey: true; a fact must too when it has a key candidate (a"
                            + " column that is unique, or named id or <dataset>_id).",
                    "- name: play_id\n  unique: true", "- name: play_id\n  unique: true\n  primaryKey: true"),
            new RuleInfo(META_FRESHNESS_SLA, "metadata", Severity.ERROR,
                    "A published contract has no freshness SLA.",
                    "A contract whose status is in published.statuses (default active) needs a latency (ODCS v3's"
                            + " word) or freshness entry in slaProperties that reads as a duration (2 with unit h, PT2H,"
                            + " \"2h\"): the monitor alerts on it and consumers rely on it.",
                    "status: active", "status: active\nslaProperties:\n  - property: latency\n    value: 2\n    unit: h"),
            new RuleInfo(META_PERSONAL_DATA, "metadata", Severity.ERROR,
                    "A column that looks like personal data has no classification.",
                    "Columns whose names match personalData.patterns (email, phone, ip address, names...) must"
                            + " carry a classification (pii, restricted, or public when it is not personal).",
                    "- name: email\n  logicalType: string", "- name: email\n  logicalType: string\n  classification: pii"),
            new RuleInfo(SHAPE_SCD2, "shape", Severity.ERROR,
                    "A dimension declares an SCD2 column with the wrong type, or one it does not have.",
                    "meshkit adds valid_from and valid_to (timestamp), is_current (boolean) and, with"
                            + " meshkit.deletes: tombstone, is_deleted (boolean) to every dimension. A contract may"
                            + " declare them, but then with these types, not as primary key, and is_deleted only"
                            + " with tombstones.",
                    "- name: valid_from\n  logicalType: date", "- name: valid_from\n  logicalType: timestamp"),
            new RuleInfo(SAMPLING_KEY_MISSING, "shape", Severity.WARNING,
                    "A dataset that should be sampled names no sampling key.",
                    "Datasets of the kinds in samplingKey.requiredFor (default fact) should set"
                            + " meshkit.samplingKey so that sampled queries keep whole entities (users) together.",
                    "customProperties:\n  - property: meshkit.kind\n    value: fact",
                    "customProperties:\n  - property: meshkit.kind\n    value: fact\n  - property: meshkit.samplingKey\n    value: listener_id"),
            new RuleInfo(SAMPLING_KEY_SHAPE, "shape", Severity.ERROR,
                    "The sampling key is not key-like.",
                    "A sampling key must be a required integer or string column (a timestamp, number or boolean"
                            + " samples by something that is not an entity).",
                    "- property: meshkit.samplingKey\n  value: played_at", "- property: meshkit.samplingKey\n  value: listener_id"),
            new RuleInfo(BREAKING_COLUMN_REMOVED, "breaking", Severity.ERROR,
                    "A column of the previous version is gone.", "Consumers that read the column break." + BREAKING_NOTE,
                    "version: 1.1.0  # ms_played removed", "version: 2.0.0  # ms_played removed"),
            new RuleInfo(BREAKING_COLUMN_RENAMED, "breaking", Severity.ERROR,
                    "A column was renamed.",
                    "A column removed and another added in its place with the same type (same position or same"
                            + " description) is a rename; consumers that read the old name break." + BREAKING_NOTE,
                    "version: 1.1.0  # uid renamed to user_id", "version: 2.0.0  # uid renamed to user_id"),
            new RuleInfo(BREAKING_TYPE_CHANGED, "breaking", Severity.ERROR,
                    "A column's type changed incompatibly.",
                    "Widening is compatible (a wider integer, a longer or unbounded varchar, real to double, a"
                            + " decimal with at least as many integer and fraction digits); any other type change"
                            + " is breaking." + BREAKING_NOTE,
                    "version: 1.1.0  # BIGINT -> VARCHAR", "version: 2.0.0  # BIGINT -> VARCHAR"),
            new RuleInfo(BREAKING_REQUIRED_ADDED, "breaking", Severity.ERROR,
                    "A required column was added.",
                    "Producers and backfills of the previous version cannot fill a new required column."
                            + " Adding an optional column is compatible." + BREAKING_NOTE,
                    "version: 1.1.0  # country added, required: true", "version: 1.1.0  # country added, required: false"),
            new RuleInfo(BREAKING_PRIMARY_KEY_CHANGED, "breaking", Severity.ERROR,
                    "The primary key changed.", "Joins and deduplication on the old key break." + BREAKING_NOTE,
                    "version: 1.1.0  # key (track_id) -> (track_id, territory)",
                    "version: 2.0.0  # key (track_id) -> (track_id, territory)"),
            new RuleInfo(BREAKING_DATASET_RENAMED, "breaking", Severity.ERROR,
                    "A dataset (or its physical table) was renamed.",
                    "A dataset gone with a new one holding most of its columns, or a changed physicalName, moves"
                            + " the table consumers query." + BREAKING_NOTE,
                    "version: 1.1.0  # plays -> track_plays", "version: 2.0.0  # plays -> track_plays"),
            new RuleInfo(BREAKING_DATASET_REMOVED, "breaking", Severity.ERROR,
                    "A dataset of the previous version is gone.", "Consumers of the table break." + BREAKING_NOTE,
                    "version: 1.1.0  # plays removed", "version: 2.0.0  # plays removed"),
            new RuleInfo(VERSION_BUMP, "breaking", Severity.WARNING,
                    "The schema changed but the contract version did not go up.",
                    "Any change to datasets or columns needs a higher version (semantic versioning: major for"
                            + " breaking changes, minor for compatible ones).",
                    "version: 1.0.0  # country added", "version: 1.1.0  # country added"),
            new RuleInfo(DRIFT_TABLE_MISSING, "drift", Severity.ERROR,
                    "The dataset's table does not exist in the warehouse.",
                    "With --warehouse, each dataset's production table (<domain>.<table>, or the namespace of a"
                            + " server of the warehouse's type) must exist.",
                    "(no table music.plays)", "CREATE TABLE music.plays AS ..."),
            new RuleInfo(DRIFT_COLUMN_MISSING, "drift", Severity.ERROR,
                    "A contract column is missing from the live table.",
                    "Every column of the contract (and, for a dimension, its SCD2 columns) must exist in the table."
                            + " A column not yet published is a note: the contract's version is newer than the one the"
                            + " table was published with (meshkit_meta.publications), or, for a table with no publication,"
                            + " the dataset's candidate or staging table has it (the contract changes first, then ingest"
                            + " and publish).",
                    "contract: ms_played; table: play_id, track_id", "contract and table: play_id, track_id, ms_played"),
            new RuleInfo(DRIFT_COLUMN_EXTRA, "drift", Severity.WARNING,
                    "The live table has a column the contract does not list.",
                    "Undocumented columns are read by consumers without a contract to rely on. A column a table keeps"
                            + " for history after its removal was accepted (a dimension built with a new major version,"
                            + " recorded in meshkit_meta.retained_columns) is not reported.",
                    "table: play_id, debug_flag; contract: play_id", "contract lists debug_flag, or the table drops it"),
            new RuleInfo(DRIFT_TYPE, "drift", Severity.ERROR,
                    "A live column's type differs from the contract's.",
                    "The table's column type must be the contract's physical type (varchar lengths are not"
                            + " compared: some engines do not keep them). A widening not yet published (INTEGER in the"
                            + " table, BIGINT in a contract whose version is newer than the published one, or in the"
                            + " candidate or staging table) is a note; a narrowing or any other change is an error.",
                    "contract: event_timestamp TIMESTAMP; table: DATE", "contract and table: TIMESTAMP"));

    private static final Map<String, RuleInfo> BY_ID = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(RuleInfo::id, Function.identity()));

    private Rules() {}

    /** Every rule, in documentation order. */
    public static List<RuleInfo> all() {
        return ALL;
    }

    /** The rule with this id. */
    public static Optional<RuleInfo> byId(String id) {
        return Optional.ofNullable(id == null ? null : BY_ID.get(id));
    }
}
