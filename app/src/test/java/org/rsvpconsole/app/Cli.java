package org.rsvpconsole.app;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Runs {@link Main} in-process with captured stdout and stderr. */
record Cli(int code, String out, String err) {

    static Cli run(String... args) {
        return runWithInput(new byte[0], args);
    }

    static Cli runWithInput(byte[] stdin, String... args) {
        return runWithInput(new ByteArrayInputStream(stdin), args);
    }

    static Cli runWithInput(InputStream stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), stdin);
        return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    List<String> outLines() {
        return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }

    List<String> errLines() {
        return err.isEmpty() ? List.of() : List.of(err.split("\n"));
    }

    /** Every stdout line parsed as a JSON object. */
    List<Map<String, Object>> json() {
        return outLines().stream().map(Json::object).toList();
    }

    @Override
    public String toString() {
        return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
