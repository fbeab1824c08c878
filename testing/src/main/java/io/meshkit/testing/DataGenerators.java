package io.meshkit.testing;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.type.DataType;
import io.meshkit.core.warehouse.ColumnInfo;
import io.meshkit.core.warehouse.SqlBuilder;
import io.meshkit.core.warehouse.Warehouse;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.UUID;

/**
 * Seeded, deterministic test data: the same seed gives the same rows on every run and machine. Rows
 * are generated as they are iterated, so large data sets never sit in memory.
 *
 * <p>Values use the Java types of {@link io.meshkit.core.warehouse.Row}, so a generated row can be
 * bound into an insert and compared with what the warehouse returns.
 */
public final class DataGenerators {
    private static final String[] FIRST = {"Ada", "Björk", "Chen", "Dmitri", "Émile", "Fatima", "Grace", "Hiro", "Inès", "José",
        "Kwame", "Lena", "Mateo", "Nadia", "Olu", "Priya", "Quinn", "Rosa", "Sven", "Tariq", "Uma", "Vera", "Wei", "Yara", "Zoë"};
    private static final String[] LAST = {"Okafor", "Müller", "Suzuki", "García", "Novak", "O'Brien", "Nguyen", "Kowalski",
        "Silva", "Haddad", "Larsen", "Dubois", "Rossi", "Kim", "Singh", "東", "Iyer", "Petrov"};
    private static final LocalDateTime EPOCH = LocalDateTime.of(2024, 1, 1, 0, 0);

    private DataGenerators() {}

    /** Rows of the given types without NULLs. */
    public static Iterator<List<Object>> rows(long seed, int count, List<DataType> types) {
        return rows(seed, count, types, 0.0);
    }

    /**
     * Rows of the given types.
     *
     * @param seed the seed: equal seeds give equal rows
     * @param count how many rows
     * @param types one type per column
     * @param nullFraction the share of values that are NULL, in [0, 1)
     */
    public static Iterator<List<Object>> rows(long seed, int count, List<DataType> types, double nullFraction) {
        List<DataType> columns = List.copyOf(types);
        if (nullFraction < 0 || nullFraction >= 1) {
            throw new IllegalArgumentException("nullFraction must be in [0, 1)");
        }
        Random random = new Random(seed);
        return new Iterator<>() {
            private int produced;

            @Override
            public boolean hasNext() {
                return produced < count;
            }

            @Override
            public List<Object> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                produced++;
                List<Object> row = new ArrayList<>(columns.size());
                for (DataType type : columns) {
                    row.add(random.nextDouble() < nullFraction ? null : value(random, type));
                }
                return row;
            }
        };
    }

    /** A value of a type, within the type's range (decimals fit their precision and scale). */
    public static Object value(Random random, DataType type) {
        requireNonNull(type, "type is null");
        return switch (type.kind()) {
            case BOOLEAN -> random.nextBoolean();
            case TINYINT -> (long) (random.nextInt(256) - 128);
            case SMALLINT -> (long) (random.nextInt(65536) - 32768);
            case INTEGER -> (long) random.nextInt();
            case BIGINT -> random.nextLong();
            case HUGEINT -> BigInteger.valueOf(random.nextLong()).shiftLeft(32).add(BigInteger.valueOf(random.nextInt() & 0xffffffffL));
            case DECIMAL -> decimal(random, type.precision(), type.scale());
            case REAL -> (double) (float) (random.nextDouble() * 1000); // exactly representable as FLOAT
            case DOUBLE -> random.nextDouble() * 1e6 - 5e5;
            case VARCHAR -> name(random);
            case DATE -> LocalDate.of(2020, 1, 1).plusDays(random.nextInt(3650));
            case TIME -> LocalTime.ofNanoOfDay(random.nextLong(86_400_000_000L) * 1000);
            case TIMESTAMP -> timestamp(random);
            case TIMESTAMP_TZ -> timestamp(random).toInstant(ZoneOffset.UTC);
            case BINARY -> {
                byte[] b = new byte[1 + random.nextInt(16)];
                random.nextBytes(b);
                yield b;
            }
            case JSON -> "{\"id\":" + random.nextInt(1_000_000) + "}";
            case UUID -> uuid(random).toString();
            case STRUCT -> {
                java.util.Map<String, Object> struct = new java.util.LinkedHashMap<>();
                type.fields().forEach(f -> struct.put(f.name(), value(random, f.type())));
                yield struct;
            }
            case ARRAY -> {
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    list.add(value(random, type.elementType()));
                }
                yield list;
            }
            case MAP -> {
                java.util.Map<Object, Object> map = new java.util.LinkedHashMap<>();
                for (int i = 1 + random.nextInt(3); i > 0; i--) {
                    map.put(value(random, type.keyType()), value(random, type.elementType()));
                }
                yield map;
            }
        };
    }

    /** A user id as services hand them out: positive, up to ten digits. */
    public static long userId(Random random) {
        return 1 + random.nextLong(9_999_999_999L);
    }

    /** A person's name, including non-ASCII letters and an apostrophe now and then. */
    public static String name(Random random) {
        return FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)];
    }

    /** A timestamp in 2024–2025 with microsecond precision (what every warehouse keeps). */
    public static LocalDateTime timestamp(Random random) {
        return EPOCH.plusNanos(random.nextLong(2L * 365 * 86_400_000_000L) * 1000);
    }

    /** A UUID drawn from the random source (so it is deterministic, unlike {@link UUID#randomUUID()}). */
    public static UUID uuid(Random random) {
        return new UUID(random.nextLong(), random.nextLong());
    }

    private static BigDecimal decimal(Random random, int precision, int scale) {
        int integerDigits = Math.min(precision - scale, 15);
        long whole = integerDigits == 0 ? 0 : random.nextLong((long) Math.pow(10, integerDigits));
        int fractionDigits = Math.min(scale, 15);
        long fraction = fractionDigits == 0 ? 0 : random.nextLong((long) Math.pow(10, fractionDigits));
        BigDecimal v = new BigDecimal(whole).add(BigDecimal.valueOf(fraction, fractionDigits)).setScale(scale);
        return random.nextBoolean() ? v : v.negate();
    }

    /**
     * Inserts rows into an existing table in batches of multi-row {@code INSERT ... VALUES (?, ?), (?, ?)}
     * statements with bound values.
     *
     * @return the number of rows inserted
     */
    public static long insertRows(Warehouse warehouse, TableId table, List<ColumnInfo> columns, Iterator<List<Object>> rows) {
        requireNonNull(warehouse, "warehouse is null");
        requireNonNull(table, "table is null");
        List<ColumnName> names = columns.stream().map(ColumnInfo::name).toList();
        if (names.isEmpty()) {
            throw new IllegalArgumentException("no columns to insert");
        }
        int batchSize = Math.max(1, 1000 / names.size()); // keeps statements far below engines' parameter limits
        long inserted = 0;
        List<List<Object>> batch = new ArrayList<>(batchSize);
        while (rows.hasNext()) {
            List<Object> row = rows.next();
            if (row.size() != names.size()) {
                throw new IllegalArgumentException("a row has " + row.size() + " values for " + names.size() + " columns");
            }
            batch.add(row);
            if (batch.size() == batchSize || !rows.hasNext()) {
                SqlBuilder sql = warehouse.dialect().sql().sql("INSERT INTO ").table(table).sql(" (").ids(names).sql(") VALUES ");
                sql.join(batch, values -> sql.sql("(").binds(values).sql(")"));
                warehouse.execute(sql.build());
                inserted += batch.size();
                batch.clear();
            }
        }
        return inserted;
    }
}
