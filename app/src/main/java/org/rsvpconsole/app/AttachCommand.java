package org.rsvpconsole.app;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.rsvpconsole.app.attach.AttachedNetwork;
import org.rsvpconsole.app.attach.Credentials;
import org.rsvpconsole.app.attach.DaemonEndpoint;
import org.rsvpconsole.engine.scenario.ScenarioTime;
import org.rsvpconsole.persistence.api.HistoryEntry;
import org.rsvpconsole.persistence.api.HistoryTime;
import org.rsvpconsole.persistence.jdbc.EntryForm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code attach}: many daemons' management channels at once, shown as one network (docs/management.md); with
 * {@code --follow} their merged event stream, re-attaching by itself when a daemon is lost.
 */
@Command(name = "attach", description = "Attach to one or many daemons over TLS and show them as one network"
    + " (nodes from their interfaces, links from their neighbours); --follow prints their events as they come.")
final class AttachCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Option(names = "--daemon", required = true, paramLabel = "HOST:PORT[,HOST:PORT...]",
        description = "The daemons' management channels.")
    String daemons;

    @Mixin
    DaemonCommands.ManagementOptions tls;

    @Option(names = "--wait", defaultValue = "10s", paramLabel = "TIME",
        description = "How long to wait for every daemon to attach (default 10s).")
    String waitFor;

    @Option(names = "--follow", description = "Then print every daemon's entries as they come, until stopped.")
    boolean follow;

    @Option(names = "--entries", paramLabel = "N", description = "With --follow: stop after N entries.")
    Long entries;

    @Override
    public Integer call() throws InterruptedException {
        List<DaemonEndpoint> endpoints = DaemonCommands.parseEndpoints("--daemon", daemons);
        long waitNanos;
        try {
            waitNanos = ScenarioTime.parseNanos(waitFor);
        } catch (IllegalArgumentException e) {
            throw new UserException("--wait: " + e.getMessage());
        }
        Credentials c = tls.credentials();
        CountDownLatch done = new CountDownLatch(1);
        AtomicLong printed = new AtomicLong();
        AttachedNetwork.Listener printer = new AttachedNetwork.Listener() {
            @Override
            public void entry(String daemon, long seq, HistoryEntry e) {
                if (!follow || done.getCount() == 0) {
                    return;
                }
                synchronized (main.out) {
                    main.out.println(HistoryTime.format(e.atNanos()) + "  " + daemon + "  #" + seq + "  "
                        + EntryForm.kind(e) + "  " + EntryForm.summary(e));
                }
                if (entries != null && printed.incrementAndGet() >= entries) {
                    done.countDown();
                }
            }

            @Override
            public void state(AttachedNetwork.DaemonStatus s) {
                if (follow && s.state() != AttachedNetwork.LinkState.ATTACHED) {
                    main.err.println("rsvp-console: " + s.endpoint() + (s.node().isEmpty() ? "" : " (" + s.node()
                        + ")") + ": " + s.state().name().toLowerCase(java.util.Locale.ROOT) + (s.detail().isEmpty()
                        ? "" : ": " + s.detail()));
                }
            }
        };
        try (AttachedNetwork net = AttachedNetwork.attach(endpoints, c, AttachedNetwork.Options.DEFAULT)) {
            long end = System.nanoTime() + waitNanos;
            while (System.nanoTime() < end && !net.model().daemons().stream()
                .allMatch(d -> d.state() == AttachedNetwork.LinkState.ATTACHED)) {
                Thread.sleep(50);
            }
            // A moment for the first entries' neighbours once everyone is there.
            Thread.sleep(200);
            AttachedNetwork.Model m = net.model();
            print(m);
            List<AttachedNetwork.DaemonStatus> missing = m.daemons().stream()
                .filter(d -> d.state() != AttachedNetwork.LinkState.ATTACHED).toList();
            if (!follow) {
                if (!missing.isEmpty()) {
                    throw new UserException(missing.size() + " of " + m.daemons().size() + " daemons not attached"
                        + " within " + waitFor + ": " + missing.getFirst().endpoint() + ": "
                        + missing.getFirst().detail());
                }
                return 0;
            }
            net.addListener(printer);
            done.await();
            return 0;
        }
    }

    private void print(AttachedNetwork.Model m) {
        StringBuilder b = new StringBuilder("Daemons:\n");
        for (AttachedNetwork.DaemonStatus d : m.daemons()) {
            b.append(String.format("  %-22s %-10s %-10s last entry %d%s%n", d.endpoint(), d.node().isEmpty() ? "-"
                : d.node(), d.state().name().toLowerCase(java.util.Locale.ROOT), d.lastSeq(), d.detail().isEmpty()
                ? "" : "  (" + d.detail() + ")"));
        }
        b.append("\nNodes:\n");
        for (AttachedNetwork.Node n : m.nodes()) {
            b.append(String.format("  %-12s %-14s %s%n", n.name(), n.attached() ? "daemon" : "neighbour",
                String.join(", ", n.addresses())));
        }
        b.append("\nLinks (from the daemons' neighbours):\n");
        for (AttachedNetwork.Link l : m.links()) {
            b.append("  ").append(l.a()).append(' ').append(l.via()).append(" -- ").append(l.b()).append(" (")
                .append(l.address()).append(")\n");
        }
        main.out.print(b);
        main.out.flush();
    }
}
