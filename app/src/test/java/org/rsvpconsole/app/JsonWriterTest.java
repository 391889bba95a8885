package org.rsvpconsole.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
