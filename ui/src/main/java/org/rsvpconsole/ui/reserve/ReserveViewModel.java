package org.rsvpconsole.ui.reserve;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.rsvpconsole.engine.api.AdmissionPreview;
import org.rsvpconsole.engine.api.FlowRequest;
import org.rsvpconsole.engine.api.LiveNetwork;
import org.rsvpconsole.engine.api.ReservationStyle;
import org.rsvpconsole.engine.api.ReserveRequest;
import org.rsvpconsole.engine.api.ServiceClass;
import org.rsvpconsole.engine.api.SessionId;
import org.rsvpconsole.engine.api.SessionPriorities;
import org.rsvpconsole.engine.api.TopologyView;
import org.rsvpconsole.engine.api.TrafficSpec;
import org.rsvpconsole.ui.common.Units;

/**
 * The reserve form: sender and receiver hosts, the TSpec (r, b, p, m, M with units), service, style, and for
 * Guaranteed service R and S. Every field has a message property that says what is wrong with it ("" when fine);
 * {@link #valid} is true only when every message is empty. {@link #preview} asks the engine for the path and per-hop
 * admission on a copy of the network; {@link #reserve} commits.
 */
public final class ReserveViewModel {

    private final LiveNetwork network;
    private final Set<String> hosts;
    private final StringProperty sender = new SimpleStringProperty("");
    private final StringProperty receiver = new SimpleStringProperty("");
    private final StringProperty port = new SimpleStringProperty("5004");
    private final StringProperty rate = new SimpleStringProperty("80k");
    private final StringProperty bucket = new SimpleStringProperty("1500");
    private final StringProperty peak = new SimpleStringProperty("inf");
    private final StringProperty minPoliced = new SimpleStringProperty("64");
    private final StringProperty maxPacket = new SimpleStringProperty("1500");
    private final ObjectProperty<ServiceClass> service = new SimpleObjectProperty<>(ServiceClass.CONTROLLED_LOAD);
    private final ObjectProperty<ReservationStyle> style = new SimpleObjectProperty<>(ReservationStyle.FF);
    private final StringProperty guaranteedRate = new SimpleStringProperty("");
    private final StringProperty slack = new SimpleStringProperty("0");
    /** RFC 3181 set-up and hold (defending) priorities; both empty for none. */
    private final StringProperty setupPriority = new SimpleStringProperty("");
    private final StringProperty holdPriority = new SimpleStringProperty("");
    private final StringProperty priorityMessage = new SimpleStringProperty("");

    private final StringProperty senderMessage = new SimpleStringProperty("");
    private final StringProperty receiverMessage = new SimpleStringProperty("");
    private final StringProperty portMessage = new SimpleStringProperty("");
    private final StringProperty rateMessage = new SimpleStringProperty("");
    private final StringProperty bucketMessage = new SimpleStringProperty("");
    private final StringProperty peakMessage = new SimpleStringProperty("");
    private final StringProperty minPolicedMessage = new SimpleStringProperty("");
    private final StringProperty maxPacketMessage = new SimpleStringProperty("");
    private final StringProperty guaranteedRateMessage = new SimpleStringProperty("");
    private final StringProperty slackMessage = new SimpleStringProperty("");
    private final BooleanBinding valid;

    private final ObservableList<AdmissionPreview.Hop> hops = FXCollections.observableArrayList();
    private final StringProperty verdict = new SimpleStringProperty("");

    public ReserveViewModel(LiveNetwork network) {
        this.network = network;
        this.hosts = network.topology().nodes().stream().filter(TopologyView.NodeView::host)
            .map(TopologyView.NodeView::name).collect(Collectors.toUnmodifiableSet());
        for (StringProperty p : List.of(sender, receiver, port, rate, bucket, peak, minPoliced, maxPacket,
            guaranteedRate, slack, setupPriority, holdPriority)) {
            p.addListener((o, a, b) -> validate());
        }
        service.addListener((o, a, b) -> validate());
        style.addListener((o, a, b) -> validate());
        valid = Bindings.createBooleanBinding(() -> messages().stream().allMatch(m -> m.get().isEmpty()),
            messages().toArray(StringProperty[]::new));
        validate();
    }

    private List<StringProperty> messages() {
        return List.of(senderMessage, receiverMessage, portMessage, rateMessage, bucketMessage, peakMessage,
            minPolicedMessage, maxPacketMessage, guaranteedRateMessage, slackMessage, priorityMessage);
    }

    /** The hosts one can pick, sorted. */
    public List<String> hosts() {
        return hosts.stream().sorted().toList();
    }

    /**
     * A host clicked on the map: the first click picks the sender, the second the receiver, a third starts over.
     * Routers are refused with a message.
     */
    public void pick(String node) {
        if (!hosts.contains(node)) {
            (sender.get().isEmpty() ? senderMessage : receiverMessage).set(node
                + " is a router: reservations start and end at hosts");
            return;
        }
        if (sender.get().isEmpty() || !receiver.get().isEmpty()) {
            sender.set(node);
            receiver.set("");
        } else {
            receiver.set(node);
        }
    }

    void validate() {
        senderMessage.set(hostMessage(sender.get(), "sender"));
        String r = hostMessage(receiver.get(), "receiver");
        if (r.isEmpty() && receiver.get().equals(sender.get())) {
            r = "The receiver must be another host than the sender";
        }
        receiverMessage.set(r);
        portMessage.set(intIn(port.get(), 1, 65535) ? "" : "Port must be a whole number from 1 to 65535");
        OptionalDouble r1 = Units.parseRate(rate.get());
        rateMessage.set(r1.isPresent() && r1.getAsDouble() > 0 ? ""
            : "Token rate r must be a bandwidth above 0, such as 80k or 2M (bit/s)");
        OptionalDouble b = Units.parseSize(bucket.get());
        bucketMessage.set(b.isPresent() && b.getAsDouble() > 0 ? ""
            : "Bucket size b must be a size above 0, such as 1500 or 50kB (bytes)");
        OptionalDouble p = parsePeak(peak.get());
        if (p.isEmpty()) {
            peakMessage.set("Peak rate p must be a bandwidth such as 4M, or inf for no limit");
        } else if (r1.isPresent() && p.getAsDouble() < r1.getAsDouble()) {
            peakMessage.set("Peak rate p must be at least the token rate r");
        } else {
            peakMessage.set("");
        }
        boolean mOk = intIn(minPoliced.get(), 0, 65535);
        minPolicedMessage.set(mOk ? "" : "Minimum policed unit m must be a whole number of bytes, 0 to 65535");
        if (!intIn(maxPacket.get(), 1, 65535)) {
            maxPacketMessage.set("Maximum packet size M must be a whole number of bytes, 1 to 65535");
        } else if (mOk && Integer.parseInt(maxPacket.get().trim()) < Integer.parseInt(minPoliced.get().trim())) {
            maxPacketMessage.set("Maximum packet size M must be at least the minimum policed unit m");
        } else {
            maxPacketMessage.set("");
        }
        if (service.get() == ServiceClass.GUARANTEED) {
            OptionalDouble gr = guaranteedRate.get().isBlank() ? r1 : Units.parseRate(guaranteedRate.get());
            if (gr.isEmpty()) {
                guaranteedRateMessage.set("Rate R must be a bandwidth such as 80k, or empty for R = r");
            } else if (r1.isPresent() && gr.getAsDouble() < r1.getAsDouble()) {
                guaranteedRateMessage.set("Guaranteed rate R must be at least the token rate r (RFC 2212)");
            } else {
                guaranteedRateMessage.set("");
            }
            slackMessage.set(intIn(slack.get(), 0, Integer.MAX_VALUE) ? ""
                : "Slack S must be a whole number of microseconds, 0 or more");
        } else {
            guaranteedRateMessage.set("");
            slackMessage.set("");
        }
        boolean noPriority = setupPriority.get().isBlank() && holdPriority.get().isBlank();
        priorityMessage.set(noPriority || (intIn(setupPriority.get(), 0, 65535) && intIn(holdPriority.get(), 0, 65535))
            ? "" : "Priorities are whole numbers from 0 to 65535 (higher wins, RFC 3181), both or neither");
    }

    private String hostMessage(String name, String role) {
        if (name == null || name.isBlank()) {
            return "Pick a " + role + " host on the map or in the list";
        }
        return hosts.contains(name) ? "" : name + " is not a host: reservations start and end at hosts";
    }

    private static OptionalDouble parsePeak(String text) {
        String t = text == null ? "" : text.trim();
        if (t.equalsIgnoreCase("inf") || t.isEmpty()) {
            return OptionalDouble.of(Double.POSITIVE_INFINITY);
        }
        return Units.parseRate(t);
    }

    private static boolean intIn(String text, long min, long max) {
        try {
            long v = Long.parseLong(text.trim());
            return v >= min && v <= max;
        } catch (NumberFormatException | NullPointerException e) {
            return false;
        }
    }

    /** The request the form describes; only when {@link #valid}. */
    public ReserveRequest request() {
        if (!valid.get()) {
            throw new IllegalStateException("the form has errors");
        }
        TrafficSpec t = new TrafficSpec(Units.parseRate(rate.get()).getAsDouble(),
            Units.parseSize(bucket.get()).getAsDouble(), parsePeak(peak.get()).getAsDouble(),
            Integer.parseInt(minPoliced.get().trim()), Integer.parseInt(maxPacket.get().trim()));
        FlowRequest flow = service.get() == ServiceClass.GUARANTEED
            ? FlowRequest.guaranteed(t, guaranteedRate.get().isBlank() ? t.rate()
                : Units.parseRate(guaranteedRate.get()).getAsDouble(), Long.parseLong(slack.get().trim()))
            : FlowRequest.controlledLoad(t);
        Optional<SessionPriorities> priorities = setupPriority.get().isBlank() && holdPriority.get().isBlank()
            ? Optional.empty() : Optional.of(new SessionPriorities(Integer.parseInt(setupPriority.get().trim()),
                Integer.parseInt(holdPriority.get().trim())));
        return new ReserveRequest(sender.get(), receiver.get(), Integer.parseInt(port.get().trim()), t, flow,
            style.get(), priorities);
    }

    /** Asks for the path and per-hop admission; the result lands in {@link #hops()} and {@link #verdict}. */
    public CompletableFuture<AdmissionPreview> preview() {
        if (!valid.get()) {
            verdict.set("Correct the fields marked in red first");
            return CompletableFuture.completedFuture(new AdmissionPreview(List.of(), "invalid form"));
        }
        return network.preview(request());
    }

    /** Shows a preview's result; FX thread. */
    public void show(AdmissionPreview p) {
        hops.setAll(p.hops());
        if (!p.problem().isEmpty()) {
            verdict.set("No path: " + p.problem());
        } else if (p.admitted()) {
            verdict.set("Admission would pass on all " + p.hops().size() + " hops");
        } else {
            AdmissionPreview.Hop h = p.hops().stream().filter(x -> !x.admitted()).findFirst().orElseThrow();
            verdict.set("Would be refused at " + h.node() + " " + h.interfaceName() + ": " + h.reason() + " (asks "
                + Units.rate(h.requestedBytesPerSecond()) + ", free " + Units.rate(h.freeBytesPerSecond()) + ")");
        }
    }

    public CompletableFuture<SessionId> reserve() {
        return network.reserve(request());
    }

    public BooleanBinding validProperty() {
        return valid;
    }

    public ObservableList<AdmissionPreview.Hop> hops() {
        return hops;
    }

    public StringProperty verdictProperty() {
        return verdict;
    }

    public StringProperty senderProperty() {
        return sender;
    }

    public StringProperty receiverProperty() {
        return receiver;
    }

    public StringProperty portProperty() {
        return port;
    }

    public StringProperty rateProperty() {
        return rate;
    }

    public StringProperty bucketProperty() {
        return bucket;
    }

    public StringProperty peakProperty() {
        return peak;
    }

    public StringProperty minPolicedProperty() {
        return minPoliced;
    }

    public StringProperty maxPacketProperty() {
        return maxPacket;
    }

    public ObjectProperty<ServiceClass> serviceProperty() {
        return service;
    }

    public ObjectProperty<ReservationStyle> styleProperty() {
        return style;
    }

    public StringProperty guaranteedRateProperty() {
        return guaranteedRate;
    }

    public StringProperty slackProperty() {
        return slack;
    }

    public StringProperty senderMessage() {
        return senderMessage;
    }

    public StringProperty receiverMessage() {
        return receiverMessage;
    }

    public StringProperty portMessage() {
        return portMessage;
    }

    public StringProperty rateMessage() {
        return rateMessage;
    }

    public StringProperty bucketMessage() {
        return bucketMessage;
    }

    public StringProperty peakMessage() {
        return peakMessage;
    }

    public StringProperty minPolicedMessage() {
        return minPolicedMessage;
    }

    public StringProperty maxPacketMessage() {
        return maxPacketMessage;
    }

    public StringProperty guaranteedRateMessage() {
        return guaranteedRateMessage;
    }

    public StringProperty slackMessage() {
        return slackMessage;
    }

    public StringProperty setupPriorityProperty() {
        return setupPriority;
    }

    public StringProperty holdPriorityProperty() {
        return holdPriority;
    }

    public StringProperty priorityMessage() {
        return priorityMessage;
    }
}
