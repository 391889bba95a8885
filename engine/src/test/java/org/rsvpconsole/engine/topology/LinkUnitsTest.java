package org.rsvpconsole.engine.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LinkUnitsTest {

    @ParameterizedTest
    @CsvSource({
        "100M, 100000000", "800k, 800000", "800K, 800000", "1.5G, 1500000000", "64000, 64000", "2T, 2000000000000",
        "100 Mbit/s, 100000000", "100Mbps, 100000000", "64 kb/s, 64000", "9600bps, 9600", "10MB/s, 80000000",
        "1.25 MBps, 10000000", "1kB/s, 8000", "100 B/s, 800", "0, 0", "0.5k, 500", ".5M, 500000"})
    void bandwidthsAreBitsPerSecondUnlessBytesAreSaid(String text, long bps) {
        assertEquals(bps, LinkUnits.parseBitsPerSecond(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fast", "-5M", "100 Mbit", "100X", "M", "1e6", "5 mbps/s"})
    void badBandwidthsSayHowToWriteOne(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> LinkUnits.parseBitsPerSecond(text));
        assertTrue(e.getMessage().contains("100M, 800k, 1.5G"), e.getMessage());
    }

    @Test
    void lowerCaseMIsRefusedAsMilli() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> LinkUnits.parseBitsPerSecond("100m"));
        assertTrue(e.getMessage().contains("use M for mega"), e.getMessage());
    }

    @Test
    void bytesWithoutPerSecondAreAmbiguous() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> LinkUnits.parseBitsPerSecond("10MB"));
        assertEquals("'10MB' is ambiguous; write 10MB/s for bytes per second or drop the B for bits per second",
            e.getMessage());
    }

    @Test
    void absurdBandwidthsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> LinkUnits.parseBitsPerSecond("2000T"));
    }

    @ParameterizedTest
    @CsvSource({"5ms, 5000000", "1.5ms, 1500000", "250us, 250000", "250µs, 250000", "2s, 2000000000",
        "100ns, 100", "0, 0", "0ms, 0"})
    void delaysNeedAUnit(String text, long nanos) {
        assertEquals(nanos, LinkUnits.parseNanos(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "5 min", "soon", "2h"})
    void badDelaysSayHowToWriteOne(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LinkUnits.parseNanos(text));
        assertTrue(e.getMessage().contains("5ms, 250us, 1.5s"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"0.2%, 0.002", "0.002, 0.002", "0, 0", "100%, 1", "1, 1", "50 %, 0.5"})
    void lossIsAFractionOrAPercentage(String text, double p) {
        assertEquals(p, LinkUnits.parseLoss(text), 1e-12);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "150%", "some", "0.1 pct"})
    void badLossSaysHowToWriteOne(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LinkUnits.parseLoss(text));
        assertTrue(e.getMessage().contains("0.002") && e.getMessage().contains("0.2%"), e.getMessage());
    }

    @Test
    void formattingReadsBackAsTheSameValue() {
        assertEquals("800k", LinkUnits.formatBitsPerSecond(800_000));
        assertEquals("1.5G", LinkUnits.formatBitsPerSecond(1_500_000_000));
        assertEquals("64k", LinkUnits.formatBitsPerSecond(64_000));
        assertEquals("123", LinkUnits.formatBitsPerSecond(123));
        assertEquals("1234.567k", LinkUnits.formatBitsPerSecond(1_234_567));
        for (long v : new long[] {0, 1, 999, 1000, 1001, 64_000, 1_234_567, 100_000_000, 2_500_000_000L}) {
            assertEquals(v, LinkUnits.parseBitsPerSecond(LinkUnits.formatBitsPerSecond(v)));
        }
        assertEquals("5ms", LinkUnits.formatNanos(5_000_000));
        assertEquals("250us", LinkUnits.formatNanos(250_000));
        assertEquals("1.5s", LinkUnits.formatNanos(1_500_000_000));
        assertEquals("0", LinkUnits.formatNanos(0));
        assertEquals("7ns", LinkUnits.formatNanos(7));
        for (long v : new long[] {0, 7, 1_000, 1_500, 5_000_000, 1_500_000_000L}) {
            assertEquals(v, LinkUnits.parseNanos(LinkUnits.formatNanos(v)));
        }
    }

    @ParameterizedTest
    @CsvSource({"1500, 1500", "1500B, 1500", "2kB, 2000", "1.5KB, 1500", "1.5MB, 1500000", "12kbit, 1500",
        "9bit, 2", "0, 0"})
    void bytesParse(String text, long bytes) {
        assertEquals(bytes, LinkUnits.parseBytes(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2k", "1M", "2kb", "five", "5GB"})
    void badSizesSayHowToWriteThem(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LinkUnits.parseBytes(text));
        assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("B"), e.getMessage());
    }

    @Test
    void bytesFormatAsTheyParse() {
        assertEquals("1.5kB", LinkUnits.formatBytes(1500));
        assertEquals("200B", LinkUnits.formatBytes(200));
        assertEquals("64kB", LinkUnits.formatBytes(64_000));
    }
}
