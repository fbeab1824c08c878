package io.meshkit.snapshotingest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ParquetPartsTest {
    private static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    @Test
    void binaryDatesAndZeroOrInvalidDates() {
        assertThat(ParquetParts.binaryEpochDay(bytes(0xea, 0x07, 11, 23))).isEqualTo(LocalDate.of(2026, 11, 23).toEpochDay());
        assertThat(ParquetParts.binaryEpochDay(bytes(0x01, 0x00, 1, 1))).isEqualTo(LocalDate.of(1, 1, 1).toEpochDay());
        assertThat(ParquetParts.binaryEpochDay(bytes(0x0f, 0x27, 12, 31, 23, 59, 59))).isEqualTo(LocalDate.of(9999, 12, 31).toEpochDay());
        assertThat(ParquetParts.binaryEpochDay(bytes())).isEqualTo(ParquetParts.NOT_A_DATE); // 0000-00-00 is sent empty
        assertThat(ParquetParts.binaryEpochDay(bytes(0xea, 0x07, 0, 10))).isEqualTo(ParquetParts.NOT_A_DATE); // 2026-00-10
        assertThat(ParquetParts.binaryEpochDay(bytes(0xea, 0x07, 2, 30))).isEqualTo(ParquetParts.NOT_A_DATE); // 2026-02-30
        assertThat(ParquetParts.binaryEpochDay(bytes(0, 0, 1, 1))).isEqualTo(ParquetParts.NOT_A_DATE); // 0000-01-01
    }

    @Test
    void epochDaysOfEveryDateFromYear1To9999AsLocalDateCountsThem() {
        for (LocalDate d = LocalDate.of(1, 1, 1); d.getYear() <= 9999; d = d.plusDays(1)) {
            byte[] b = bytes(d.getYear() & 0xff, d.getYear() >> 8, d.getMonthValue(), d.getDayOfMonth());
            if (ParquetParts.binaryEpochDay(b) != d.toEpochDay()) {
                assertThat(ParquetParts.binaryEpochDay(b)).as(d.toString()).isEqualTo(d.toEpochDay());
            }
        }
        for (int y : new int[] {1900, 2000, 2023, 2024, 2100}) { // the last day of each month, and the day after it
            for (int m = 1; m <= 12; m++) {
                int last = java.time.YearMonth.of(y, m).lengthOfMonth();
                assertThat(ParquetParts.binaryEpochDay(bytes(y & 0xff, y >> 8, m, last))).isEqualTo(LocalDate.of(y, m, last).toEpochDay());
                assertThat(ParquetParts.binaryEpochDay(bytes(y & 0xff, y >> 8, m, last + 1))).isEqualTo(ParquetParts.NOT_A_DATE);
            }
        }
    }

    @Test
    void binaryTimesInAndOutsideADay() {
        assertThat(ParquetParts.binaryTimeMicros(bytes())).isZero(); // 00:00:00 is sent empty
        assertThat(ParquetParts.binaryTimeMicros(bytes(0, 0, 0, 0, 0, 23, 59, 59, 0x90, 0xd0, 0x03, 0x00))).isEqualTo(86_399_250_000L);
        assertThat(ParquetParts.binaryTimeMicros(bytes(0, 0, 0, 0, 0, 12, 0, 1))).isEqualTo(43_201_000_000L);
        assertThat(ParquetParts.binaryTimeMicros(bytes(0, 34, 0, 0, 0, 22, 59, 59))).isEqualTo(((838L * 60 + 59) * 60 + 59) * 1_000_000L);
        assertThat(ParquetParts.binaryTimeMicros(bytes(1, 0, 0, 0, 0, 0, 0, 1))).isNegative(); // -00:00:01
        assertThat(ParquetParts.binaryTimeMicros(bytes(1, 0, 0, 0, 0, 0, 0, 0, 0x20, 0xa1, 0x07, 0x00))).isNegative(); // -00:00:00.5
    }

    @Test
    void binaryIntegersAreSignOrZeroExtended() {
        assertThat(ParquetParts.littleEndian(bytes(0xff), false)).isEqualTo(-1);
        assertThat(ParquetParts.littleEndian(bytes(0xff), true)).isEqualTo(255);
        assertThat(ParquetParts.littleEndian(bytes(0x00, 0x80), false)).isEqualTo(-32768);
        assertThat(ParquetParts.littleEndian(bytes(0xff, 0xff), true)).isEqualTo(65535);
        assertThat(ParquetParts.littleEndian(bytes(0xff, 0xff, 0xff, 0x00), false)).isEqualTo(16_777_215); // MEDIUMINT UNSIGNED, sent in 4 bytes
        assertThat(ParquetParts.littleEndian(bytes(0xff, 0xff, 0xff, 0xff), true)).isEqualTo(4_294_967_295L);
        assertThat(ParquetParts.littleEndian(bytes(0, 0, 0, 0, 0, 0, 0, 0x80), false)).isEqualTo(Long.MIN_VALUE);
        assertThat(Long.toUnsignedString(ParquetParts.littleEndian(bytes(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff), true)))
                .isEqualTo("18446744073709551615");
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
