package org.rsvpconsole.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A chain of Linux network namespaces joined by veth pairs: {@code n0 - n1 - ... - n(k)}, link {@code i} being
 * the subnet 10.(base).(i).0/24 with {@code .1} on n(i)'s interface {@code right} and {@code .2} on n(i+1)'s
 * interface {@code left}; the ends are hosts (default route inward), the rest routers with forwarding on and
 * static routes. Names are unique per run; {@link #close} deletes every namespace, also after a failure.
 * {@link #chain6} builds the same chain on IPv6: link {@code i} is fd00:(base):(i)::/64, {@code ::1} left end and
 * {@code ::2} right end, addresses usable at once (no duplicate address detection), IPv6 forwarding on the routers.
 */
final class NamespaceLab implements AutoCloseable {

    final String prefix;
    final int base;
    final boolean ipv6;
    final List<String> names = new ArrayList<>();
    private final List<Process> captures = new ArrayList<>();

    private NamespaceLab(String prefix, int base, boolean ipv6) {
        this.prefix = prefix;
        this.base = base;
        this.ipv6 = ipv6;
    }

    /**
     * Builds the chain, or skips the calling test (loudly; a failure when $CI is set) where namespaces cannot be
     * made (not root, no iproute2).
     */
    static NamespaceLab chain(String... nodes) throws IOException, InterruptedException {
        return chain(false, nodes);
    }

    /** The chain on IPv6 (skipped or failed as {@link #chain} is). */
    static NamespaceLab chain6(String... nodes) throws IOException, InterruptedException {
        return chain(true, nodes);
    }

    private static NamespaceLab chain(boolean ipv6, String... nodes) throws IOException, InterruptedException {
        String why = unavailable();
        if (why != null) {
            String msg = "NAMESPACE SUITE SKIPPED: " + why;
            System.err.println("*** " + msg + " ***");
            if (System.getenv("CI") != null) {
                Assertions.fail(msg + " (CI is set, so this fails instead of skipping)");
            }
            Assumptions.abort(msg);
        }
        String run = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36), 36);
        NamespaceLab lab = new NamespaceLab((ipv6 ? "rs" : "rc") + run, 100 + ThreadLocalRandom.current().nextInt(100),
            ipv6);
        try {
            lab.build(nodes);
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            lab.close();
            throw e;
        }
        return lab;
    }

    private static String unavailable() throws InterruptedException {
        if (!"Linux".equals(System.getProperty("os.name"))) {
            return "network namespaces need Linux";
        }
        String probe = "rcprobe" + ProcessHandle.current().pid();
        try {
            Result r = exec("ip", "netns", "add", probe);
            if (r.code != 0) {
                return "cannot create network namespaces (" + r.output.strip() + "); run as root";
            }
            exec("ip", "netns", "del", probe);
            return null;
        } catch (IOException e) {
            return "iproute2's 'ip' is not installed (" + e.getMessage() + ")";
        }
    }

    String ns(String node) {
        return prefix + "-" + node;
    }

    /** n(i)'s address on link {@code link} (side 1 = left end of the link, 2 = right end). */
    String address(int link, int side) {
        // IPv6 in its canonical text (RFC 5952), as the daemons and tshark print it.
        return ipv6 ? "fd00:" + base + (link == 0 ? "" : ":" + link) + "::" + side
            : "10." + base + "." + link + "." + side;
    }

    /** Link {@code link}'s subnet. */
    String subnet(int link) {
        return ipv6 ? "fd00:" + base + ":" + link + "::/64" : "10." + base + "." + link + ".0/24";
    }

    private String prefixLength() {
        return ipv6 ? "/64" : "/24";
    }

    /** {@code nodad}: an IPv6 address is usable at once, not after duplicate address detection. */
    private String addressFlags() {
        return ipv6 ? " nodad" : "";
    }

    private void build(String... nodes) throws IOException, InterruptedException {
        int n = nodes.length;
        StringBuilder root = new StringBuilder();
        for (String node : nodes) {
            names.add(ns(node));
            root.append("netns add ").append(ns(node)).append('\n');
        }
        for (int i = 0; i + 1 < n; i++) {
            root.append("link add name right netns ").append(ns(nodes[i])).append(" type veth peer name left netns ")
                .append(ns(nodes[i + 1])).append('\n');
        }
        batch(null, root.toString());
        for (int i = 0; i < n; i++) {
            StringBuilder b = new StringBuilder("link set lo up\n");
            if (i > 0) {
                b.append("addr add ").append(address(i - 1, 2)).append(prefixLength()).append(" dev left")
                    .append(addressFlags()).append("\nlink set left up\n");
            }
            if (i + 1 < n) {
                b.append("addr add ").append(address(i, 1)).append(prefixLength()).append(" dev right")
                    .append(addressFlags()).append("\nlink set right up\n");
            }
            for (int k = 0; k + 1 < n; k++) {
                if (k < i - 1) {
                    b.append("route add ").append(subnet(k)).append(" via ").append(address(i - 1, 1)).append('\n');
                } else if (k > i) {
                    b.append("route add ").append(subnet(k)).append(" via ").append(address(i, 2)).append('\n');
                }
            }
            batch(ns(nodes[i]), b.toString());
            boolean router = i > 0 && i < n - 1;
            check(ipv6 ? exec("ip", "netns", "exec", ns(nodes[i]), "sysctl", "-q", "-w",
                "net.ipv6.conf.all.forwarding=" + (router ? 1 : 0))
                : exec("ip", "netns", "exec", ns(nodes[i]), "sysctl", "-q", "-w",
                "net.ipv4.ip_forward=" + (router ? 1 : 0), "-w", "net.ipv4.conf.all.rp_filter=0"));
        }
    }

    private void batch(String namespace, String commands) throws IOException, InterruptedException {
        Path f = Files.createTempFile("rc-ip", ".batch");
        try {
            Files.writeString(f, commands);
            check(namespace == null ? exec("ip", "-b", f.toString())
                : exec("ip", "-n", namespace, "-b", f.toString()));
        } finally {
            Files.deleteIfExists(f);
        }
    }

    /** An extra link {@code a:ifA - b:ifB} on subnet 10.(base).(subnet).0/24 (.1 on a, .2 on b). */
    void link(String a, String ifA, String b, String ifB, int subnet) throws IOException, InterruptedException {
        batch(null, "link add name " + ifA + " netns " + ns(a) + " type veth peer name " + ifB + " netns " + ns(b)
            + "\n");
        batch(ns(a), "addr add " + address(subnet, 1) + prefixLength() + " dev " + ifA + addressFlags() + "\nlink set "
            + ifA + " up\n");
        batch(ns(b), "addr add " + address(subnet, 2) + prefixLength() + " dev " + ifB + addressFlags() + "\nlink set "
            + ifB + " up\n");
    }

    /** Runs one {@code ip} command in {@code node}'s namespace, e.g. {@code route add ... metric 20}. */
    void ip(String node, String command) throws IOException, InterruptedException {
        batch(ns(node), command + "\n");
    }

    void sysctl(String node, String setting) throws IOException, InterruptedException {
        check(exec("ip", "netns", "exec", ns(node), "sysctl", "-q", "-w", setting));
    }

    /**
     * Real loss of {@code percent}% of the RSVP datagrams arriving at every node: netem where the kernel has it
     * (on every interface's egress), else an iptables random drop at ingress (raw PREROUTING, before Router
     * Alert interception) of protocol 46 and of UDP to ports 1698/1699. Returns which was used.
     */
    String loss(int percent) throws IOException, InterruptedException {
        boolean netem = true;
        for (String name : names) {
            for (String iface : List.of("left", "right")) {
                Result r = exec("ip", "netns", "exec", name, "tc", "qdisc", "add", "dev", iface, "root", "netem",
                    "loss", percent + "%");
                if (r.code != 0 && !r.output.contains("Cannot find device")) {
                    netem = false;
                }
            }
            if (!netem) {
                break;
            }
        }
        if (netem) {
            return "netem";
        }
        String p = Double.toString(percent / 100.0);
        // ip6tables' -p finds protocol 46 behind the hop-by-hop header.
        String tables = ipv6 ? "ip6tables" : "iptables";
        for (String name : names) {
            check(exec("ip", "netns", "exec", name, tables, "-t", "raw", "-A", "PREROUTING", "-p", "46", "-m",
                "statistic", "--mode", "random", "--probability", p, "-j", "DROP"));
            // RFC 2205 Appendix C: UDP-encapsulated RSVP (ports 1698, 1699) is lost the same way.
            check(exec("ip", "netns", "exec", name, tables, "-t", "raw", "-A", "PREROUTING", "-p", "udp", "-m",
                "multiport", "--dports", "1698,1699", "-m", "statistic", "--mode", "random", "--probability", p,
                "-j", "DROP"));
        }
        return tables;
    }

    /** Starts dumpcap on {@code iface} of {@code node} into {@code file}; returns when it captures. */
    void capture(String node, String iface, Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ip", "netns", "exec", ns(node), "dumpcap", "-q", "-P", "-i", iface, "-w",
            file.toString()).redirectErrorStream(true).redirectOutput(file.resolveSibling(file.getFileName() + ".log")
                .toFile()).start();
        captures.add(p);
        for (int i = 0; i < 100 && p.isAlive() && (!Files.exists(file) || Files.size(file) < 24); i++) {
            Thread.sleep(50);
        }
        Assertions.assertTrue(p.isAlive() && Files.exists(file), "dumpcap did not start on " + node + " "
            + iface + ": " + Files.readString(file.resolveSibling(file.getFileName() + ".log")));
    }

    /** Stops every capture (SIGTERM lets dumpcap finish its file). */
    void stopCaptures() throws InterruptedException {
        for (Process p : captures) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
        for (Process p : captures) {
            p.waitFor(5, TimeUnit.SECONDS);
        }
        captures.clear();
    }

    record Result(int code, String output) {
    }

    static Result exec(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + " did not finish");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static void check(Result r) throws IOException {
        if (r.code != 0) {
            throw new IOException("namespace set-up failed: " + r.output);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopCaptures();
        for (String name : names) {
            try {
                exec("ip", "netns", "del", name);
            } catch (IOException e) {
                System.err.println("could not delete namespace " + name + ": " + e.getMessage());
            }
        }
        String left;
        try {
            left = exec("ip", "netns", "list").output;
        } catch (IOException e) {
            left = "";
        }
        Assertions.assertFalse(left.toLowerCase(Locale.ROOT).contains(prefix.toLowerCase(Locale.ROOT)),
            "namespaces of " + prefix + " left behind: " + left);
    }
}
