package io.meshkit.snapshotingest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class ParquetPartsTest {
    @Test
    void zeroAndInvalidDatesAreNull() {
        assertThat(ParquetParts.parseDate("2026-11-23")).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(ParquetParts.parseDate("0000-00-00")).isNull();
        assertThat(ParquetParts.parseDate("2026-00-10")).isNull();
        assertThat(ParquetParts.parseDate("2026-02-30")).isNull();
        assertThat(ParquetParts.parseDateTime("0000-00-00 00:00:00")).isNull();
    }

    @Test
    void dateTimesKeepMicroseconds() {
        assertThat(ParquetParts.parseDateTime("2026-11-23 12:34:56.789012")).isEqualTo(LocalDateTime.of(2026, 11, 23, 12, 34, 56, 789_012_000));
        assertThat(ParquetParts.parseDateTime("2026-11-23 12:34:56")).isEqualTo(LocalDateTime.of(2026, 11, 23, 12, 34, 56));
        assertThat(ParquetParts.parseDateTime("2026-11-23 12:34:56.5")).isEqualTo(LocalDateTime.of(2026, 11, 23, 12, 34, 56, 500_000_000));
    }

    @Test
    void timesOutsideADayAreFlagged() {
        assertThat(ParquetParts.parseTime("23:59:59.25")).isEqualTo(86_399_250_000L);
        assertThat(ParquetParts.parseTime("838:59:59")).isGreaterThanOrEqualTo(86_400_000_000L);
        assertThat(ParquetParts.parseTime("-00:00:01")).isNegative();
        assertThat(ParquetParts.parseTime("-00:00:00.5")).isNegative();
    }

    @Test
    void decimalsFitTheirFixedWidthAndSignExtend() {
        int width = ParquetParts.decimalBytes(65);
        BigInteger max = BigInteger.TEN.pow(65).subtract(BigInteger.ONE);
        assertThat(max.negate().toByteArray().length).isLessThanOrEqualTo(width);
        byte[] minusOne = ParquetParts.fixed(BigInteger.ONE.negate().toByteArray(), 4);
        assertThat(new BigInteger(minusOne)).isEqualTo(BigInteger.ONE.negate());
        assertThat(new BigInteger(ParquetParts.fixed(BigInteger.valueOf(300).toByteArray(), 9))).isEqualTo(BigInteger.valueOf(300));
    }

    @Test
    void decimalTextToUnscaled() {
        assertThat(ParquetParts.unscaled("-12345678.91".getBytes(), 2)).isEqualTo(-1234567891L);
        assertThat(ParquetParts.unscaled("12.5".getBytes(), 2)).isEqualTo(1250L);
        assertThat(ParquetParts.unscaled("7".getBytes(), 3)).isEqualTo(7000L);
        assertThat(ParquetParts.unscaled("0.00".getBytes(), 2)).isZero();
    }
}
