package org.rsvpconsole.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.codec.Octets;

class JsonWriterTest {

    @Test
    void nestingCommasAndTypes() {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        JsonWriter j = new JsonWriter(s);
        j.beginObject();
        j.number("n", -5);
        j.bool("b", true);
        j.beginList("l");
        j.number(null, 1);
        j.beginGroup(null);
        j.text("t", "x");
        j.endGroup();
        j.beginList(null);
        j.endList();
        j.endList();
        j.beginGroup("g");
        j.endGroup();
        j.text("nothing", null);
        j.endObject();
        j.newline();
        j.flush();
        assertEquals("{\"n\":-5,\"b\":true,\"l\":[1,{\"t\":\"x\"},[]],\"g\":{},\"nothing\":null}\n",
            s.toString(StandardCharsets.UTF_8));
        Json.parse(s.toString(StandardCharsets.UTF_8));
    }

    @Test
    void stringsAreEscaped() {
        String nasty = "q\"b\\s/n\nr\rt\tb\bf\fnul\u0000esc\u001bdel\u007fé€😀";
        String json = write(j -> j.text("k\"ey", nasty));
        assertEquals("{\"k\\\"ey\":\"q\\\"b\\\\s/n\\nr\\rt\\tb\\bf\\fnul\\u0000esc\\u001bdel\u007fé€😀\"}", json);
        assertEquals(nasty, Json.object(json).get("k\"ey"));
    }

    @Test
    void unpairedSurrogatesAreEscapedNotMangled() {
        String json = write(j -> j.text("s", "a\ud800b\udc00"));
        assertEquals("{\"s\":\"a\\ud800b\\udc00\"}", json);
    }

    @Test
    void floatsAreNumbersExceptNanAndInfinity() {
        String json = write(j -> {
            j.real("a", 1.5f);
            j.real("b", 1.0e10f);
            j.real("c", -2.5e-7f);
            j.real("d", Float.NaN);
            j.real("e", Float.POSITIVE_INFINITY);
            j.real("f", Float.NEGATIVE_INFINITY);
            j.real("g", 0f);
        });
        Map<String, Object> m = Json.object(json);
        assertEquals(1.5, m.get("a"));
        assertEquals(1.0e10, (Double) m.get("b"), 1e3);
        assertEquals(-2.5e-7, m.get("c"), "shortest text that reads back as the same float");
        assertTrue(json.contains("\"c\":-2.5E-7,"), json);
        assertEquals(List.of("NaN", "Infinity", "-Infinity"), List.of(m.get("d"), m.get("e"), m.get("f")));
        assertEquals(0.0, m.get("g"));
    }

    /** Formatted floats are kept by their bits: repeats, slot clashes, 0 and -0 must each read as the first time. */
    @Test
    void repeatedFloatsAreWrittenAsFloatToString() {
        float[] values = new float[600];
        for (int i = 0; i < values.length; i++) {
            values[i] = i % 3 == 0 ? i * 1000.5f : i % 3 == 1 ? Float.intBitsToFloat(0x3f800000 + i * 256) : -i / 7f;
        }
        values[0] = 0f;
        values[1] = -0f;
        StringBuilder expected = new StringBuilder("{");
        String json = write(j -> {
            for (int round = 0; round < 3; round++) {
                for (float v : values) {
                    j.real("f", v);
                }
            }
        });
        for (int round = 0; round < 3; round++) {
            for (float v : values) {
                expected.append(expected.length() > 1 ? "," : "").append("\"f\":").append(Float.toString(v));
            }
        }
        assertEquals(expected.append('}').toString(), json);
    }

    /** Renaming covers the following members of one object: not keys before it, nested, or after the object. */
    @Test
    void followingKeysOfOneObjectAreRenamed() {
        java.util.function.UnaryOperator<String> rename = k -> k.equals("name") ? "nameField" : k;
        String expected = "{\"l\":[{\"name\":\"a\",\"nameField\":\"b\",\"g\":{\"name\":1},\"x\":2},"
            + "{\"name\":\"c\"}],\"name\":3}";
        for (int round = 0; round < 2; round++) {
            String json = write(j -> {
                j.beginList("l");
                j.beginObject();
                j.text("name", "a");
                j.renameFollowingKeys(rename);
                j.text("name", "b");
                j.beginGroup("g");
                j.number("name", 1);
                j.endGroup();
                j.number("x", 2);
                j.endObject();
                j.beginObject();
                j.text("name", "c");
                j.endObject();
                j.endList();
                j.number("name", 3);
            });
            assertEquals(expected, json, "round " + round);
        }
    }

    @Test
    void numbersAtEveryDigitCountAreTheirDecimalText() {
        long[] values = {0, 1, 9, 10, 99, 100, 999, 1000, 9999, 10000, 99999, 100000, 999999, 1000000, 9999999,
            10000000, 99999999, 100000000, 999999999, 1000000000, Integer.MAX_VALUE, Integer.MAX_VALUE + 1L,
            4294967295L, Long.MAX_VALUE, -1, -10, -2147483648L, Long.MIN_VALUE};
        StringBuilder expected = new StringBuilder("{");
        String json = write(j -> {
            for (long v : values) {
                j.number("n", v);
            }
        });
        for (long v : values) {
            expected.append(expected.length() > 1 ? "," : "").append("\"n\":").append(v);
        }
        assertEquals(expected.append('}').toString(), json);
        java.util.Random random = new java.util.Random(2205);
        for (int k = 0; k < 20000; k++) {
            long v = random.nextInt(Integer.MAX_VALUE) >>> random.nextInt(31);
            assertEquals("{\"n\":" + v + "}", write(j -> j.number("n", v)));
        }
    }

    @Test
    void addressesAreWrittenAsTheirTextForm() {
        for (String a : List.of("0.0.0.0", "255.255.255.255", "10.0.0.9", "1.22.133.4", "192.0.2.100", "2001:db8::1",
            "::", "fe80::1:2:3:4")) {
            IpAddress address = IpAddress.of(a);
            assertEquals("{\"a\":\"" + address + "\"}", write(j -> j.address("a", address)));
            assertEquals(a, address.toString());
        }
    }

    /** Octets as their hex text, also longer than a streaming writer's buffer (64 KiB). */
    @Test
    void octetsAreWrittenAsTheirHex() {
        for (int length : new int[] {0, 1, 16, 40000}) {
            byte[] bytes = new byte[length];
            new java.util.Random(length).nextBytes(bytes);
            Octets o = Octets.of(bytes);
            assertEquals("{\"o\":\"" + o.hex() + "\"}", write(j -> j.octets("o", o)));
            JsonWriter accumulating = new JsonWriter();
            accumulating.beginObject();
            accumulating.octets("o", o);
            accumulating.endObject();
            ByteArrayOutputStream s = new ByteArrayOutputStream();
            accumulating.writeTo(s);
            assertEquals("{\"o\":\"" + o.hex() + "\"}", s.toString(StandardCharsets.US_ASCII));
        }
    }

    /**
     * Keys and symbols come from the cache of encoded strings after their first use: the output must not depend on
     * it, whether two keys share a slot ("Aa" and "BB" hash alike), are equal but distinct instances, need escapes,
     * are too long to be kept, or are written while the streaming buffer flushes.
     */
    @Test
    void cachedKeysAndSymbolsAreWrittenAsTheFirstTime() {
        List<String> keys = List.of("Aa", "BB", "k\"ey", "é€", "classNum", new String("classNum".toCharArray()),
            "a-key-longer-than-the-thirty-two-characters-kept");
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        JsonWriter j = new JsonWriter(s);
        int lines = 3000;
        for (int line = 0; line < lines; line++) {
            j.beginObject();
            for (int k = 0; k < keys.size(); k++) {
                j.symbol(keys.get(k), keys.get((k + line) % keys.size()));
            }
            j.endObject();
            j.newline();
        }
        j.flush();
        String[] out = s.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(lines, out.length);
        assertTrue(s.size() > 1 << 17, "more than twice the buffer, so that flushes happen mid-line");
        for (int line = 0; line < lines; line++) {
            StringBuilder expected = new StringBuilder("{");
            for (int k = 0; k < keys.size(); k++) {
                expected.append(k > 0 ? "," : "").append(quoted(keys.get(k))).append(':')
                    .append(quoted(keys.get((k + line) % keys.size())));
            }
            assertEquals(expected.append('}').toString(), out[line], "line " + line);
        }
    }

    /** More distinct keys than the cache keeps: the ones beyond it are written uncached, the same way. */
    @Test
    void keysBeyondWhatTheCacheKeepsAreStillWritten() {
        List<String> keys = java.util.stream.IntStream.range(0, 2000).mapToObj(i -> "key" + i).toList();
        String json = write(j -> {
            for (int round = 0; round < 2; round++) {
                for (String k : keys) {
                    j.symbol(k, k);
                }
            }
        });
        StringBuilder expected = new StringBuilder("{");
        for (int round = 0; round < 2; round++) {
            for (String k : keys) {
                expected.append(expected.length() > 1 ? "," : "").append('"').append(k).append("\":\"").append(k)
                    .append('"');
            }
        }
        assertEquals(expected.append('}').toString(), json);
    }

    private static String quoted(String s) {
        String object = write(j -> j.text("x", s));
        return object.substring("{\"x\":".length(), object.length() - 1);
    }

    @Test
    void preEncodedMembersGoWhereTheWrittenOnesWould() {
        JsonWriter scratch = new JsonWriter();
        scratch.beginObject();
        scratch.endObject();
        byte[] head = scratch.encodeMembers(j -> {
            j.number("a", 1);
            j.symbol("b", "x\"y");
        });
        assertEquals("\"a\":1,\"b\":\"x\\\"y\"", new String(head, StandardCharsets.UTF_8));
        // The scratch writer's own output is left as it was.
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        scratch.writeTo(kept);
        assertEquals("{}", kept.toString(StandardCharsets.UTF_8));
        String json = write(j -> {
            j.members(head);
            j.beginList("l");
            j.beginObject(head);
            j.endObject();
            j.beginObject(head);
            j.number("c", 2);
            j.endObject();
            j.beginObject(new byte[0]);
            j.number("d", 3);
            j.endObject();
            j.endList();
            j.members(scratch.encodeMembers(k -> k.bool("e", true)));
        });
        assertEquals("{\"a\":1,\"b\":\"x\\\"y\",\"l\":[{\"a\":1,\"b\":\"x\\\"y\"},"
            + "{\"a\":1,\"b\":\"x\\\"y\",\"c\":2},{\"d\":3}],\"e\":true}", json);
        Json.parse(json);
        // Pre-encoded bytes carry no indentation: pretty output refuses them rather than mixing styles.
        JsonWriter pretty = new JsonWriter().pretty(1);
        pretty.beginObject();
        assertThrows(IllegalStateException.class, () -> pretty.members(head));
        assertThrows(IllegalStateException.class, () -> pretty.beginObject(head));
    }

    @Test
    void keysWrittenInAnotherOrderStillComeOutRight() {
        // The key cache guesses the next key from the previous one; a different order must not confuse it.
        String json = write(j -> {
            for (int i = 0; i < 3; i++) {
                j.beginGroup("g");
                j.number("x", i);
                j.number("y", i);
                j.endGroup();
                j.beginGroup("h");
                j.number("y", i);
                j.number("x", i);
                j.endGroup();
            }
        });
        assertEquals("{" + "\"g\":{\"x\":0,\"y\":0},\"h\":{\"y\":0,\"x\":0},"
            + "\"g\":{\"x\":1,\"y\":1},\"h\":{\"y\":1,\"x\":1},"
            + "\"g\":{\"x\":2,\"y\":2},\"h\":{\"y\":2,\"x\":2}}", json);
    }

    private static String write(java.util.function.Consumer<JsonWriter> body) {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        JsonWriter j = new JsonWriter(s);
        j.beginObject();
        body.accept(j);
        j.endObject();
        j.flush();
        return s.toString(StandardCharsets.UTF_8);
    }
}
