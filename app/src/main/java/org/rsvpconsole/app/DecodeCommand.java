package org.rsvpconsole.app;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import org.rsvpconsole.engine.capture.CaptureReader;
import org.rsvpconsole.engine.capture.NoRsvp;
import org.rsvpconsole.engine.capture.NotACaptureException;
import org.rsvpconsole.engine.capture.RsvpCapture;
import org.rsvpconsole.engine.capture.RsvpPacket;
import org.rsvpconsole.engine.capture.Transport;
import org.rsvpconsole.engine.codec.BundleMessage;
import org.rsvpconsole.engine.codec.CommonHeader;
import org.rsvpconsole.engine.codec.DecodeError;
import org.rsvpconsole.engine.codec.DecodeResult;
import org.rsvpconsole.engine.codec.ObjectClass;
import org.rsvpconsole.engine.codec.ObjectMessage;
import org.rsvpconsole.engine.codec.RsvpDecoder;
import org.rsvpconsole.engine.codec.RsvpObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code decode FILE...}: every RSVP message in pcap/pcapng files as one JSON object per line (JSON Lines), in
 * frame order. Frames without RSVP are counted and reported on stderr in one line.
 */
@Command(name = "decode", description = {
    "Decode the RSVP messages in pcap/pcapng files and print one JSON object per message.",
    "Keys: frame, src, dst, transport (ip|udp), routerAlert, type, typeName, version, flags, sendTtl, length,"
        + " checksumOk, objects (wire order; each with classNum, cType, name and its fields), messages (Bundle),"
        + " error (code, value, offset, reason) for a malformed message."},
    footerHeading = "%nExit codes:%n",
    footer = {"  0  every message decoded", "  1  some message was malformed",
        "  2  a file was missing, unreadable, not a capture, or cut short"})
final class DecodeCommand implements Callable<Integer> {

    @ParentCommand
    private Main main;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "pcap or pcapng files ('-' reads stdin)")
    private List<String> files;

    /** For picocli. */
    DecodeCommand() {
    }

    /** {@code decode FILE...} run directly (Main's fast path for {@link #isPlain} command lines). */
    DecodeCommand(Main main, List<String> files) {
        this.main = main;
        this.files = files;
    }

    /** True for {@code decode FILE...} with at least one file and no option ({@code -} alone is stdin). */
    static boolean isPlain(String[] args) {
        if (args.length < 2 || !args[0].equals("decode")) {
            return false;
        }
        for (int i = 1; i < args.length; i++) {
            if (args[i].startsWith("-") && !args[i].equals("-")) {
                return false;
            }
        }
        return true;
    }

    /** Messages per rendering batch: large enough to amortise the hand-over, small enough to keep memory flat. */
    private static final int BATCH = 2048;
    /**
     * The first batch of a file, doubled for each next one up to {@link #BATCH}: the other cores start on it while
     * this thread, still interpreted, reads the following frames, instead of waiting for 2048 of them.
     */
    private static final int FIRST_BATCH = 64;

    /** One batch rendered by a worker: its JSON lines and whether any message in it was malformed. */
    private record Rendered(JsonWriter json, boolean malformed) {
    }

    /**
     * Reads frames on this thread and renders batches of messages (decode + JSON) on the other cores, writing the
     * batches in file order: the output is exactly what a single thread would print.
     */
    @Override
    public Integer call() {
        int workers = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "decode-render");
            t.setDaemon(true);
            return t;
        });
        ThreadLocal<Renderer> renderers = ThreadLocal.withInitial(Renderer::new);
        // Written-out batches hand their writers back: buffers and key caches are reused, not grown again.
        ConcurrentLinkedQueue<JsonWriter> writers = new ConcurrentLinkedQueue<>();
        ArrayDeque<Future<Rendered>> pending = new ArrayDeque<>();
        boolean fileError = false;
        boolean malformed = false;
        long skipped = 0;
        long fragments = 0;
        boolean several = files.size() > 1;
        try {
            for (String name : files) {
                RsvpCapture capture = open(name);
                if (capture == null) {
                    fileError = true;
                    continue;
                }
                String label = several ? name : null;
                try (capture) {
                    int size = FIRST_BATCH;
                    List<RsvpPacket> batch = new ArrayList<>(size);
                    RsvpPacket p;
                    while ((p = capture.next()) != null) {
                        batch.add(p);
                        if (batch.size() == size) {
                            pending.add(submit(pool, renderers, writers, label, batch));
                            size = Math.min(BATCH, 2 * size);
                            batch = new ArrayList<>(size);
                            while (pending.size() > 2 * workers) {
                                malformed |= writeOut(pending.poll(), writers);
                            }
                        }
                    }
                    if (!batch.isEmpty()) {
                        pending.add(submit(pool, renderers, writers, label, batch));
                    }
                    skipped += capture.framesWithoutRsvp();
                    fragments += capture.framesWithoutRsvp(NoRsvp.Reason.NON_FIRST_FRAGMENT);
                    if (capture.error().isPresent()) {
                        while (!pending.isEmpty()) {
                            malformed |= writeOut(pending.poll(), writers);
                        }
                        main.out.flush();
                        main.err.println(name + ": " + capture.error().get());
                        fileError = true;
                    }
                } catch (IOException e) {
                    // Only close() can get here; the frames were read.
                    main.err.println(name + ": " + e.getMessage());
                }
            }
            while (!pending.isEmpty()) {
                malformed |= writeOut(pending.poll(), writers);
            }
        } finally {
            pool.shutdownNow();
        }
        main.out.flush();
        if (skipped > 0) {
            main.err.println("skipped " + skipped + " frame(s) without RSVP" + (fragments == 0 ? ""
                : " (" + fragments + " of them non-first IP fragments, which are not reassembled)"));
        }
        return fileError ? Main.EXIT_USAGE : malformed ? Main.EXIT_MALFORMED : 0;
    }

    private static Future<Rendered> submit(ExecutorService pool, ThreadLocal<Renderer> renderers,
                                           ConcurrentLinkedQueue<JsonWriter> writers, String label,
                                           List<RsvpPacket> batch) {
        return pool.submit(() -> {
            JsonWriter free = writers.poll();
            JsonWriter json = free != null ? free : new JsonWriter();
            Renderer renderer = renderers.get();
            boolean bad = false;
            for (RsvpPacket p : batch) {
                bad |= !write(json, renderer, label, p);
            }
            return new Rendered(json, bad);
        });
    }

    /** Waits for a rendered batch and prints it; true when it held a malformed message. */
    private boolean writeOut(Future<Rendered> f, ConcurrentLinkedQueue<JsonWriter> writers) {
        Rendered r;
        try {
            r = f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while decoding", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
        r.json().writeTo(main.out);
        writers.add(r.json());
        return r.malformed();
    }

    /** Opens a capture, or prints one line saying why it cannot and returns null. */
    private RsvpCapture open(String name) {
        try {
            if (name.equals("-")) {
                return new RsvpCapture(CaptureReader.open(main.in));
            }
            Path path = Path.of(name);
            if (Files.isDirectory(path)) {
                main.err.println(name + ": is a directory, not a capture file");
                return null;
            }
            return RsvpCapture.open(path);
        } catch (NoSuchFileException e) {
            main.err.println(name + ": no such file");
        } catch (AccessDeniedException e) {
            main.err.println(name + ": permission denied");
        } catch (NotACaptureException e) {
            main.err.println(name + ": " + e.getMessage());
        } catch (IOException | java.nio.file.InvalidPathException e) {
            main.err.println(name + ": cannot read it (" + e.getMessage() + ")");
        }
        return null;
    }

    /**
     * One rendering thread's decoder and the opening members of its JSON objects, encoded once per thread (one
     * array copy each instead of three to five members): a capture repeats the same few classes and types.
     */
    static final class Renderer {
        private final RsvpDecoder decoder = new RsvpDecoder();
        /** Where the heads are encoded (reused: a writer is 100 KB of buffer and caches). */
        private final JsonWriter scratch = new JsonWriter();
        /** {@code "classNum":N,"cType":M,"name":"X"} by Class-Num, then C-Type. */
        private final byte[][][] objectHeads = new byte[256][][];
        /** {@code "type":T,"typeName":"X","version":V} by version and type. */
        private final byte[][] headerHeads = new byte[16 * 256][];

        private byte[] objectHead(int classNum, int cType) {
            if (((classNum | cType) & ~0xff) != 0) {
                return encodeObjectHead(classNum, cType);
            }
            byte[][] byType = objectHeads[classNum];
            if (byType == null) {
                byType = new byte[256][];
                objectHeads[classNum] = byType;
            }
            byte[] head = byType[cType];
            if (head == null) {
                head = encodeObjectHead(classNum, cType);
                byType[cType] = head;
            }
            return head;
        }

        private byte[] encodeObjectHead(int classNum, int cType) {
            return scratch.encodeMembers(j -> {
                j.number("classNum", classNum);
                j.number("cType", cType);
                j.symbol("name", ObjectClass.name(classNum));
            });
        }

        private byte[] headerHead(CommonHeader h) {
            int key = (h.version() << 8) | h.messageType();
            byte[] head = headerHeads[key];
            if (head == null) {
                head = scratch.encodeMembers(j -> {
                    j.number("type", h.messageType());
                    j.symbol("typeName", h.typeName());
                    j.number("version", h.version());
                });
                headerHeads[key] = head;
            }
            return head;
        }
    }

    /** {@code "transport":"ip|udp","routerAlert":false|true}, by (UDP ? 2 : 0) + (Router Alert ? 1 : 0). */
    private static final byte[][] TRANSPORT_HEADS = new byte[4][];

    static {
        JsonWriter scratch = new JsonWriter();
        for (int i = 0; i < 4; i++) {
            int k = i;
            TRANSPORT_HEADS[i] = scratch.encodeMembers(j -> {
                j.symbol("transport", (k & 2) != 0 ? "udp" : "ip");
                j.bool("routerAlert", (k & 1) != 0);
            });
        }
    }

    /** Writes one message line; false when it was malformed. */
    static boolean write(JsonWriter json, Renderer renderer, String file, RsvpPacket p) {
        DecodeResult r = renderer.decoder.decode(p.frame(), p.offset(), p.length());
        json.beginObject();
        if (file != null) {
            json.text("file", file);
        }
        json.number("frame", p.frameNumber());
        json.address("src", p.source());
        json.address("dst", p.destination());
        json.members(TRANSPORT_HEADS[(p.transport() == Transport.UDP ? 2 : 0) + (p.routerAlert() ? 1 : 0)]);
        CommonHeader h = r.header();
        if (h != null) {
            header(json, renderer, h);
        }
        boolean ok;
        switch (r) {
            case DecodeResult.Decoded d -> {
                switch (d.message()) {
                    case ObjectMessage m -> objects(json, renderer, m.objects());
                    case BundleMessage b -> subMessages(json, renderer, p, b.messages());
                }
                ok = true;
            }
            case DecodeResult.Malformed m -> {
                if (!m.messages().isEmpty()) {
                    subMessages(json, renderer, p, m.messages());
                }
                objects(json, renderer, m.objects());
                error(json, m.error());
                ok = false;
            }
        }
        json.endObject();
        json.newline();
        return ok;
    }

    private static void header(JsonWriter json, Renderer renderer, CommonHeader h) {
        json.members(renderer.headerHead(h));
        json.number("flags", h.flags());
        json.number("sendTtl", h.sendTtl());
        json.number("length", h.length());
        json.bool("checksumOk", h.checksumOk());
    }

    private static void objects(JsonWriter json, Renderer renderer, List<RsvpObject> objects) {
        json.beginList("objects");
        // An index loop: decode's C1-compiled code would allocate an iterator per message.
        for (int i = 0, n = objects.size(); i < n; i++) {
            RsvpObject o = objects.get(i);
            json.beginObject(renderer.objectHead(o.classNum(), o.cType()));
            json.renameFollowingKeys(CLASH_FREE);
            o.describe(json);
            json.endObject();
        }
        json.endList();
    }

    /**
     * The sub-messages of a Bundle, each in the same form as a message. Their headers are read again from the
     * bytes: the decoded sub-messages lie back to back after the Bundle header, so the walk is safe.
     */
    private static void subMessages(JsonWriter json, Renderer renderer, RsvpPacket p, List<ObjectMessage> messages) {
        byte[] buf = p.frame();
        int end = p.offset() + p.length();
        int pos = p.offset() + CommonHeader.SIZE;
        json.beginList("messages");
        for (ObjectMessage m : messages) {
            CommonHeader sub = CommonHeader.read(buf, pos, end - pos);
            json.beginObject();
            if (sub != null) {
                header(json, renderer, sub);
                pos += sub.length();
            }
            objects(json, renderer, m.objects());
            json.endObject();
        }
        json.endList();
    }

    private static void error(JsonWriter json, DecodeError e) {
        json.beginGroup("error");
        json.number("code", e.error().code());
        json.number("value", e.error().value());
        json.number("offset", e.offset());
        json.text("reason", e.reason());
        json.endGroup();
    }

    /**
     * An object's own top-level field that would clash with the keys written before it (classNum, cType, name) is
     * shown as e.g. {@code nameField}, so that no JSON object has a duplicate key.
     */
    private static final UnaryOperator<String> CLASH_FREE = DecodeCommand::clashFree;

    private static String clashFree(String name) {
        return switch (name) {
            case "classNum" -> "classNumField";
            case "cType" -> "cTypeField";
            case "name" -> "nameField";
            default -> name;
        };
    }
}
