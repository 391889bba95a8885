package org.rsvpconsole.ui;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.rsvpconsole.engine.live.VirtualLiveNetwork;
import org.rsvpconsole.ui.live.EventPump;
import org.rsvpconsole.ui.shell.MainViewModel;

/**
 * The console's view models on a real virtual network, without a window, for view-model tests: {@link #open}
 * attaches a {@link MainViewModel} to an {@link EventPump} on the network and starts it; the test pulses the pump as
 * the FX timer would ({@link #pulseUntil}); the network is closed after each test. Register it as a field:
 *
 * <pre>{@code
 * @RegisterExtension
 * final ModelFixture live = new ModelFixture();
 *
 * @Test
 * void something() throws Exception {
 *     MainViewModel model = live.open(TestNetworks.teNetwork(1));
 *     live.pulseUntil(10, "T1 up", () -> ..., () -> "rows " + model.lsps().rows());
 * }
 * }</pre>
 */
public final class ModelFixture implements AfterEachCallback {

    private VirtualLiveNetwork network;
    private MainViewModel model;
    private EventPump pump;

    /** Attaches the view models to {@code network} (not started; closed after the test) and starts it. */
    public MainViewModel open(VirtualLiveNetwork network) {
        this.network = network;
        model = new MainViewModel(network);
        pump = new EventPump(network);
        model.attach(pump);
        network.start();
        return model;
    }

    public MainViewModel model() {
        return model;
    }

    public EventPump pump() {
        return pump;
    }

    public VirtualLiveNetwork network() {
        return network;
    }

    /** One pulse now, as the FX timer's. */
    public void pulse() {
        pump.pulse(System.nanoTime());
    }

    /**
     * Pulses every 16 ms (the FX timer's pace) until {@code done}; after {@code seconds} fails saying {@code what}
     * and what {@code seen} says was there.
     */
    public void pulseUntil(int seconds, String what, BooleanSupplier done, Supplier<String> seen)
        throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + seconds + " s: " + what + "; " + seen.get());
            }
            Thread.sleep(16);
            pulse();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (network != null) {
            network.close();
        }
    }
}
