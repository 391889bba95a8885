package org.rsvpconsole.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.capture.IpEncapsulation;
import org.rsvpconsole.engine.capture.PcapWriter;
import org.rsvpconsole.engine.codec.BundleMessage;
import org.rsvpconsole.engine.codec.Checksum;
import org.rsvpconsole.engine.codec.IpSession;
import org.rsvpconsole.engine.codec.MessageType;
import org.rsvpconsole.engine.codec.ObjectMessage;
import org.rsvpconsole.engine.codec.Octets;
import org.rsvpconsole.engine.codec.RsvpCodec;
import org.rsvpconsole.engine.codec.RsvpHop;
import org.rsvpconsole.engine.codec.TimeValues;
import org.rsvpconsole.engine.codec.UnknownObject;

class DecodeCommandTest {

    private static final IpSession SESSION = new IpSession(IpAddress.of("10.0.0.9"), 17, 0, 5004);
    private static final RsvpHop HOP = new RsvpHop(IpAddress.of("10.0.0.1"), 3);
    private static final ObjectMessage PATH = ObjectMessage.of(MessageType.PATH, 63, SESSION, HOP,
        new TimeValues(30000));
    private static final IpEncapsulation V4 = new IpEncapsulation(IpAddress.of("10.0.0.1"),
        IpAddress.of("10.0.0.9"), 63, true, false);
    private static final IpEncapsulation V6_UDP = new IpEncapsulation(IpAddress.of("2001:db8::1"),
        IpAddress.of("2001:db8::9"), 5, false, true);
    private static final Instant T = Instant.ofEpochSecond(1_700_000_000L);

    @TempDir
    Path dir;

    private Path pcap(String name, IpEncapsulation enc, byte[]... messages) throws IOException {
        Path f = dir.resolve(name);
        try (PcapWriter w = PcapWriter.create(f)) {
            for (byte[] m : messages) {
                w.writeRsvp(T, enc, m);
            }
        }
        return f;
    }

    /** A Path message followed by an object header declaring length 0: malformed at byte 40. */
    private static byte[] zeroLengthObject() {
        byte[] ok = RsvpCodec.encode(PATH);
        byte[] bad = Arrays.copyOf(ok, ok.length + 4);
        bad[ok.length + 2] = 20;
        bad[ok.length + 3] = 1;
        bad[7] = (byte) bad.length;
        bad[2] = 0;
        bad[3] = 0;
        Checksum.fill(bad, 0, bad.length);
        return bad;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object o) {
        return (List<Map<String, Object>>) o;
    }

    /** Which command lines take Main's fast path (no picocli model) and which still go through picocli. */
    @Test
    void onlyPlainDecodeCommandLinesSkipPicocli() {
        assertTrue(DecodeCommand.isPlain(new String[] {"decode", "a.pcap"}));
        assertTrue(DecodeCommand.isPlain(new String[] {"decode", "a.pcap", "-", "b.pcapng"}));
        assertFalse(DecodeCommand.isPlain(new String[] {"decode"}), "no file: picocli reports the usage error");
        assertFalse(DecodeCommand.isPlain(new String[] {"decode", "--help"}));
        assertFalse(DecodeCommand.isPlain(new String[] {"decode", "a.pcap", "--debug"}));
        assertFalse(DecodeCommand.isPlain(new String[] {"decode", "--", "-x.pcap"}));
        assertFalse(DecodeCommand.isPlain(new String[] {"simulate", "a.yaml"}));
        assertFalse(DecodeCommand.isPlain(new String[] {}));
    }

    @Test
    void validPathAsJson() throws IOException {
        Cli r = Cli.run("decode", pcap("path.pcap", V4, RsvpCodec.encode(PATH)).toString());
        assertEquals(0, r.code(), r::toString);
        assertEquals("", r.err(), "no frames skipped, nothing to say");
        Map<String, Object> m = r.json().getFirst();
        assertEquals(List.of("frame", "src", "dst", "transport", "routerAlert", "type", "typeName", "version",
            "flags", "sendTtl", "length", "checksumOk", "objects"), List.copyOf(m.keySet()));
        assertEquals(1L, m.get("frame"));
        assertEquals("10.0.0.1", m.get("src"));
        assertEquals("10.0.0.9", m.get("dst"));
        assertEquals("ip", m.get("transport"));
        assertEquals(true, m.get("routerAlert"));
        assertEquals(1L, m.get("type"));
        assertEquals("Path", m.get("typeName"));
        assertEquals(1L, m.get("version"));
        assertEquals(0L, m.get("flags"));
        assertEquals(63L, m.get("sendTtl"));
        assertEquals(40L, m.get("length"));
        assertEquals(true, m.get("checksumOk"));
        List<Map<String, Object>> objects = list(m.get("objects"));
        assertEquals(List.of("SESSION", "RSVP_HOP", "TIME_VALUES"), objects.stream().map(o -> o.get("name")).toList());
        Map<String, Object> session = objects.getFirst();
        assertEquals(Map.of("classNum", 1L, "cType", 1L, "name", "SESSION", "destination", "10.0.0.9", "protocol", 17L,
            "flags", 0L, "destinationPort", 5004L), session);
        assertEquals(List.of("classNum", "cType", "name"), List.copyOf(session.keySet()).subList(0, 3));
    }

    @Test
    void udpIpv6BundleAndUnknownObject() throws IOException {
        ObjectMessage tear = ObjectMessage.of(MessageType.PATH_TEAR, 9, SESSION, HOP);
        byte[] bundle = RsvpCodec.encode(new BundleMessage(0, 9, List.of(PATH, tear)));
        byte[] withUnknown = RsvpCodec.encode(ObjectMessage.of(MessageType.PATH, 63, SESSION, HOP,
            new TimeValues(30000), new UnknownObject(200, 7, Octets.fromHex("0102 0304"))));
        Cli r = Cli.run("decode", pcap("mixed.pcap", V6_UDP, bundle, withUnknown).toString());
        assertEquals(0, r.code(), r::toString);
        List<Map<String, Object>> lines = r.json();
        assertEquals(2, lines.size());
        Map<String, Object> b = lines.get(0);
        assertEquals("udp", b.get("transport"));
        assertEquals(false, b.get("routerAlert"));
        assertEquals("2001:db8::1", b.get("src"));
        assertEquals("Bundle", b.get("typeName"));
        assertFalse(b.containsKey("objects"), "a Bundle holds messages");
        List<Map<String, Object>> subs = list(b.get("messages"));
        assertEquals(List.of("Path", "PathTear"), subs.stream().map(s -> s.get("typeName")).toList());
        assertEquals(List.of(40L, 32L), subs.stream().map(s -> s.get("length")).toList());
        assertEquals(List.of(true, true), subs.stream().map(s -> s.get("checksumOk")).toList());
        assertEquals(2, list(subs.get(1).get("objects")).size());
        Map<String, Object> unknown = list(lines.get(1).get("objects")).get(3);
        assertEquals(200L, unknown.get("classNum"));
        assertEquals(7L, unknown.get("cType"));
        assertEquals("UNKNOWN_CLASS_200", unknown.get("name"));
        assertEquals(true, unknown.get("unknown"));
        assertEquals("01020304", unknown.get("body"));
    }

    @Test
    void malformedMessageGivesErrorAndExit1() throws IOException {
        Cli r = Cli.run("decode", pcap("bad.pcap", V4, RsvpCodec.encode(PATH), zeroLengthObject()).toString());
        assertEquals(1, r.code(), r::toString);
        List<Map<String, Object>> lines = r.json();
        assertEquals(2, lines.size());
        assertFalse(lines.get(0).containsKey("error"));
        Map<String, Object> bad = lines.get(1);
        assertEquals(2L, bad.get("frame"));
        assertEquals(3, list(bad.get("objects")).size(), "objects decoded before the fault are kept");
        @SuppressWarnings("unchecked")
        Map<String, Object> error = (Map<String, Object>) bad.get("error");
        assertEquals(List.of("code", "value", "offset", "reason"), List.copyOf(error.keySet()));
        assertEquals(23L, error.get("code"));
        assertEquals(5L, error.get("value"));
        assertEquals(40L, error.get("offset"));
        assertTrue(((String) error.get("reason")).contains("EXPLICIT_ROUTE"), error::toString);
    }

    @Test
    void badChecksumIsMalformedWithTheHeaderStillShown() throws IOException {
        byte[] m = RsvpCodec.encode(PATH);
        m[3] ^= 0x55;
        Cli r = Cli.run("decode", pcap("sum.pcap", V4, m).toString());
        assertEquals(1, r.code(), r::toString);
        Map<String, Object> line = r.json().getFirst();
        assertEquals(false, line.get("checksumOk"));
        assertEquals("Path", line.get("typeName"));
        assertEquals(List.of(), line.get("objects"));
    }

    @Test
    void framesWithoutRsvpAreCountedOnStderr() throws IOException {
        Path f = dir.resolve("nonrsvp.pcap");
        try (PcapWriter w = PcapWriter.create(f)) {
            byte[] ip = V4.wrap(RsvpCodec.encode(PATH), 0, 40);
            ip[9] = 6;
            w.writePacket(T, ip);
            w.writePacket(T, ip);
            w.writeRsvp(T, V4, RsvpCodec.encode(PATH));
        }
        Cli r = Cli.run("decode", f.toString());
        assertEquals(0, r.code(), r::toString);
        assertEquals(1, r.json().size());
        assertEquals(3L, r.json().getFirst().get("frame"), "frame numbers count every frame");
        assertEquals(List.of("skipped 2 frame(s) without RSVP"), r.errLines());
    }

    @Test
    void lspPingCaptureHasNoRsvp() {
        Path shared = Path.of(System.getProperty("rsvp.shared.dir", "../../shared"), "captures",
            "tcpdump__lspping-fec-rsvp.pcap");
        Cli r = Cli.run("decode", shared.toString());
        assertEquals(0, r.code(), r::toString);
        assertEquals("", r.out());
        assertEquals(List.of("skipped 10 frame(s) without RSVP"), r.errLines());
    }

    @Test
    void sharedMalformedCaptureExits1WithErrors() {
        Path shared = Path.of(System.getProperty("rsvp.shared.dir", "../../shared"), "captures",
            "tcpdump__rsvp-infinite-loop.pcap");
        Cli r = Cli.run("decode", shared.toString());
        assertEquals(1, r.code(), r::toString);
        assertEquals(5, r.json().size());
        assertTrue(r.json().stream().allMatch(m -> m.containsKey("error")), r::toString);
    }

    @Test
    void unreadableFilesAreOneLineAndExit2() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello world");
        Path good = pcap("good.pcap", V4, RsvpCodec.encode(PATH));
        Cli r = Cli.run("decode", dir.resolve("missing.pcap").toString(), text.toString(), dir.toString(),
            good.toString());
        assertEquals(2, r.code(), r::toString);
        assertEquals(List.of(dir.resolve("missing.pcap") + ": no such file",
            text + ": not a pcap or pcapng file (magic 0x68656c6c)",
            dir + ": is a directory, not a capture file"), r.errLines());
        assertEquals(1, r.json().size(), "the readable file is still decoded");
        assertEquals(good.toString(), r.json().getFirst().get("file"), "several files: each line names its file");
    }

    @Test
    void captureCutShortIsReportedAndExit2() throws IOException {
        Path good = pcap("cut.pcap", V4, RsvpCodec.encode(PATH), RsvpCodec.encode(PATH));
        byte[] b = Files.readAllBytes(good);
        Path cut = Files.write(dir.resolve("cut2.pcap"), Arrays.copyOf(b, b.length - 10));
        Cli r = Cli.run("decode", cut.toString());
        assertEquals(2, r.code(), r::toString);
        assertEquals(1, r.json().size());
        assertEquals(List.of(cut + ": file ends inside packet record 2: header says 64 bytes, 54 remain"),
            r.errLines());
    }

    @Test
    void readsStdin() throws IOException {
        byte[] file = Files.readAllBytes(pcap("in.pcap", V4, RsvpCodec.encode(PATH)));
        Cli r = Cli.runWithInput(file, "decode", "-");
        assertEquals(0, r.code(), r::toString);
        assertEquals(1, r.json().size());
    }

    @Test
    void internalErrorsAreOneLineUnlessDebug() {
        InputStream broken = new InputStream() {
            @Override
            public int read() {
                throw new IllegalStateException("boom");
            }

            @Override
            public int read(byte[] b, int off, int len) {
                throw new IllegalStateException("boom");
            }
        };
        Cli r = Cli.runWithInput(broken, "decode", "-");
        assertEquals(70, r.code(), r::toString);
        assertEquals(List.of("rsvp-console: internal error in 'rsvp-console decode': java.lang.IllegalStateException:"
            + " boom (run with --debug for details)"), r.errLines());
        for (String[] args : List.of(new String[] {"--debug", "decode", "-"},
            new String[] {"decode", "--debug", "-"})) {
            Cli d = Cli.runWithInput(broken, args);
            assertEquals(70, d.code(), d::toString);
            assertTrue(d.err().contains("\tat "), "stack trace with --debug: " + d);
        }
    }

    /** 200,000 messages decoded and printed: the JSON path must stay fast. */
    @Test
    void twoHundredThousandMessagesInAFewSeconds() throws IOException {
        int n = 200_000;
        Path f = dir.resolve("big.pcap");
        byte[] path = RsvpCodec.encode(PATH);
        try (PcapWriter w = PcapWriter.create(f)) {
            byte[] ip = V4.wrap(path, 0, path.length);
            for (int i = 0; i < n; i++) {
                w.writePacket(T, ip);
            }
        }
        CountingStream out = new CountingStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long start = System.nanoTime();
        int code = Main.run(new String[] {"decode", f.toString()}, new PrintStream(out), new PrintStream(err),
            InputStream.nullInputStream());
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("decode of " + n + " messages: " + millis + " ms, " + out.bytes + " bytes of JSON");
        assertEquals(0, code, err::toString);
        assertEquals(n, out.lines);
        assertTrue(millis < 20_000, "took " + millis + " ms");
    }

    private static final class CountingStream extends OutputStream {
        long bytes;
        long lines;

        @Override
        public void write(int b) {
            bytes++;
            if (b == '\n') {
                lines++;
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    lines++;
                }
            }
        }
    }
}
