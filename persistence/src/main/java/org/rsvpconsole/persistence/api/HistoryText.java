package org.rsvpconsole.persistence.api;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** CSV and JSON forms of history entries (what {@code history} prints and the console exports). */
final class HistoryText {

    private HistoryText() {
    }

    static String time(long epochNanos) {
        return HistoryTime.format(epochNanos);
    }

    static void csv(List<StoredEntry> entries, Writer out) throws IOException {
        out.write("id,stream,seq,time,kind,node,session,summary\n");
        for (StoredEntry e : entries) {
            out.write(e.id() + "," + csvField(e.stream()) + "," + e.seq() + "," + time(e.atNanos()) + ","
                + csvField(e.kind()) + "," + csvField(e.node()) + "," + csvField(e.session()) + ","
                + csvField(e.summary()) + "\n");
        }
    }

    private static String csvField(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    static void json(List<StoredEntry> entries, Writer out) throws IOException {
        out.write("[");
        boolean first = true;
        for (StoredEntry e : entries) {
            out.write(first ? "\n" : ",\n");
            first = false;
            out.write("  {\"id\": " + e.id() + ", \"stream\": " + str(e.stream()) + ", \"seq\": " + e.seq()
                + ", \"time\": " + str(time(e.atNanos())) + ", \"atNanos\": " + e.atNanos() + ", \"kind\": "
                + str(e.kind()) + ", \"node\": " + str(e.node()) + ", \"session\": " + str(e.session())
                + ", \"summary\": " + str(e.summary()) + "}");
        }
        out.write(first ? "]\n" : "\n]\n");
    }

    static String str(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
