package org.rsvpconsole.ui.shell;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.prefs.Preferences;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.ToolBar;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import org.controlsfx.control.PropertySheet;
import org.controlsfx.control.textfield.TextFields;
import org.rsvpconsole.engine.api.DissectedField;
import org.rsvpconsole.engine.api.LiveNetwork;
import org.rsvpconsole.engine.api.TopologyView;
import org.rsvpconsole.ui.charts.ChartsViewModel;
import org.rsvpconsole.ui.common.ColumnFilters;
import org.rsvpconsole.ui.common.KeyedSelection;
import org.rsvpconsole.ui.common.Units;
import org.rsvpconsole.ui.events.EventRow;
import org.rsvpconsole.ui.inspector.InspectorViewModel;
import org.rsvpconsole.ui.live.EventPump;
import org.rsvpconsole.ui.preemption.PreemptionRow;
import org.rsvpconsole.ui.reservations.InterfaceRow;
import org.rsvpconsole.ui.reservations.LspRow;
import org.rsvpconsole.ui.reservations.NeighbourRow;
import org.rsvpconsole.ui.reservations.ReservationRow;
import org.rsvpconsole.ui.reservations.SenderRow;
import org.rsvpconsole.ui.reserve.ReserveDialog;
import org.rsvpconsole.ui.replay.OpenHistoryViewModel;
import org.rsvpconsole.ui.replay.TimelineBar;
import org.rsvpconsole.ui.reserve.ReserveViewModel;
import org.rsvpconsole.ui.topology.TopologyPane;

/**
 * The main window: menu, map, state tables, event log, inspector and status bar, bound to a {@link MainViewModel}.
 * Views only bind and forward gestures; every decision is in the view models.
 */
public final class ConsoleWindow {

    private final MainViewModel model;
    private final EventPump pump;
    private final Preferences prefs;
    private final Stage stage;
    private final BorderPane root = new BorderPane();
    private final TopologyPane map;
    private final SplitPane main = new SplitPane();
    private final SplitPane centre = new SplitPane();
    private final TableView<ReservationRow> reservations = new TableView<>();
    private final TableView<EventRow> eventLog = new TableView<>();
    private ReserveDialog reserveDialog;
    private long lastNotification;
    private OpenNetworkViewModel opening;
    private Consumer<LiveNetwork> onOpened = n -> n.close();
    private Stage progress;
    /** Ticks once a second: the Age cells depend on it, so only they redraw (a table refresh recreates every cell). */
    private final javafx.beans.property.LongProperty ageTick = new javafx.beans.property.SimpleLongProperty();
    private final javafx.animation.Timeline ages = new javafx.animation.Timeline(new javafx.animation.KeyFrame(
        Duration.seconds(1), e -> ageTick.set(ageTick.get() + 1)));
    private final MenuItem openItem = item("Open topology...", "Shortcut+O", this::openTopology);
    private final MenuItem openHistoryItem = item("Open history...", "Shortcut+H", this::openHistory);
    private final TimelineBar timelineBar;
    private OpenHistoryViewModel openingHistory;
    private Consumer<OpenHistoryViewModel.Opened> onHistoryOpened = OpenHistoryViewModel.Opened::close;

    public ConsoleWindow(Stage stage, MainViewModel model, EventPump pump, Preferences prefs) {
        this.stage = stage;
        this.model = model;
        this.pump = pump;
        this.prefs = prefs;
        this.map = new TopologyPane(model.map(), prefs.node("positions").node(key(model.networkName())));
        map.setId("map");
        map.setOnNodeClicked(n -> {
            if (reserveDialog != null && reserveDialog.isShowing()) {
                reserveDialog.model().pick(n);
                map.setPicked(Set.of(reserveDialog.model().senderProperty().get(),
                    reserveDialog.model().receiverProperty().get()));
            }
        });
        map.setOnTearDown(this::confirmTearDown);
        timelineBar = new TimelineBar(model.timeline(), () -> {
            EventRow row = eventLog.getSelectionModel().getSelectedItem();
            return row == null ? null : row.event();
        });
        model.timeline().replayingProperty().addListener((o, a, b) -> {
            root.getStyleClass().remove("replaying");
            if (b) {
                root.getStyleClass().add("replaying");
            }
        });
        root.setTop(new VBox(menu(), toolbar(), timelineBar));
        centre.setOrientation(Orientation.VERTICAL);
        centre.getItems().addAll(map, tables());
        main.getItems().addAll(centre, inspector());
        root.setCenter(main);
        root.setBottom(statusBar());
        Scene scene = new Scene(root, prefs.getDouble("width", 1400), prefs.getDouble("height", 900));
        // '+' is Shift+'=' on most keyboards: Ctrl+= runs faster too.
        scene.getAccelerators().put(KeyCombination.keyCombination("Shortcut+Equals"), () -> model.changeSpeed(10));
        scene.getStylesheets().add(ConsoleWindow.class.getResource("/org/rsvpconsole/ui/console.css").toExternalForm());
        model.themeProperty().addListener((o, a, b) -> applyTheme(scene));
        model.themeProperty().set(MainViewModel.Theme.valueOf(prefs.get("theme", "LIGHT")));
        applyTheme(scene);
        stage.setScene(scene);
        stage.setTitle("RSVP Console - " + model.networkName());
        double x = prefs.getDouble("x", Double.NaN);
        double y = prefs.getDouble("y", Double.NaN);
        if (!Double.isNaN(x) && !Double.isNaN(y)) {
            stage.setX(x);
            stage.setY(y);
        }
        main.setDividerPositions(prefs.getDouble("mainDivider", 0.74));
        centre.setDividerPositions(prefs.getDouble("centreDivider", 0.58));
        model.notices().addListener((ListChangeListener<String>) c -> {
            while (c.next()) {
                if (c.wasAdded()) {
                    notify(c.getAddedSubList().get(c.getAddedSize() - 1), c.getAddedSize());
                }
            }
        });
        model.attach(pump);
        // The Age column moves with the clock: redraw the visible rows once a second (rows change only with state).
        ages.setCycleCount(javafx.animation.Animation.INDEFINITE);
        ages.play();
    }

    /**
     * Enables File > Open: files are opened by {@code opening}; the opened network goes to {@code onOpened} (which
     * replaces this window's content).
     */
    public void setOpening(OpenNetworkViewModel opening, Consumer<LiveNetwork> onOpened) {
        this.opening = opening;
        this.onOpened = onOpened;
        openItem.setDisable(opening == null);
        if (opening != null) {
            watchOpening(opening.runningProperty(), opening.messageProperty(), opening.errorProperty(),
                opening::cancel);
        }
    }

    /** Enables File > Open history: the opened history goes to {@code onOpened} (replayed in this window). */
    public void setOpeningHistory(OpenHistoryViewModel opening, Consumer<OpenHistoryViewModel.Opened> onOpened) {
        this.openingHistory = opening;
        this.onHistoryOpened = onOpened;
        openHistoryItem.setDisable(opening == null);
        if (opening != null) {
            watchOpening(opening.runningProperty(), opening.messageProperty(), opening.errorProperty(),
                opening::cancel);
        }
    }

    /** File > Open and Open history alike: progress window while running, errors shown, messages in the status. */
    private void watchOpening(javafx.beans.value.ObservableValue<Boolean> running,
        javafx.beans.value.ObservableValue<String> message, javafx.beans.value.ObservableValue<String> error,
        Runnable cancel) {
        running.addListener((o, a, b) -> showProgress(b, message, cancel));
        error.addListener((o, a, b) -> {
            if (!b.isEmpty()) {
                showOpenError(b);
            }
        });
        message.addListener((o, a, b) -> model.statusProperty().set(b));
    }

    public OpenHistoryViewModel openingHistory() {
        return openingHistory;
    }

    public TimelineBar timelineBar() {
        return timelineBar;
    }

    /** Opens {@code file} as File > Open history does after its chooser (robot tests call it directly). */
    public void openHistoryFile(java.nio.file.Path file) {
        if (openingHistory != null && !openingHistory.runningProperty().get()) {
            openingHistory.open(file, onHistoryOpened);
        }
    }

    private void openHistory() {
        if (openingHistory == null || openingHistory.runningProperty().get()) {
            return;
        }
        chooseFile("Open history", new FileChooser.ExtensionFilter("RSVP Console history (*.mv.db, exported)",
            "*.mv.db", "*.history", "*")).ifPresent(f -> openingHistory.open(f, onHistoryOpened));
    }

    /** The file chooser of File > Open…: the given kind first, then all files. */
    private java.util.Optional<java.nio.file.Path> chooseFile(String title, FileChooser.ExtensionFilter kind) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().addAll(kind, new FileChooser.ExtensionFilter("All files", "*"));
        java.io.File f = chooser.showOpenDialog(stage);
        return java.util.Optional.ofNullable(f).map(java.io.File::toPath);
    }

    public OpenNetworkViewModel opening() {
        return opening;
    }

    /** Opens {@code file} as File > Open does after its chooser (robot tests call it directly). */
    public void openFile(java.nio.file.Path file) {
        if (opening != null && !opening.runningProperty().get()) {
            opening.open(file, onOpened);
        }
    }

    private void openTopology() {
        if (opening == null || opening.runningProperty().get()) {
            return;
        }
        chooseFile("Open topology", new FileChooser.ExtensionFilter("Topology (*.yaml, *.yml)", "*.yaml", "*.yml"))
            .ifPresent(f -> opening.open(f, onOpened));
    }

    /** A small window with a spinning indicator and Cancel while a file opens; the console stays usable. */
    private void showProgress(boolean show, javafx.beans.value.ObservableValue<String> message, Runnable cancelIt) {
        if (!show) {
            if (progress != null) {
                progress.hide();
            }
            return;
        }
        if (progress == null) {
            Label text = new Label();
            text.setId("openProgressText");
            text.setWrapText(true);
            Button cancel = new Button("Cancel");
            cancel.setId("cancelOpen");
            cancel.setCancelButton(true);
            cancel.setOnAction(e -> ((Runnable) cancel.getUserData()).run());
            HBox box = new HBox(12, new javafx.scene.control.ProgressIndicator(), text, cancel);
            box.setAlignment(Pos.CENTER_LEFT);
            box.setPadding(new Insets(14));
            progress = new Stage();
            progress.initOwner(stage);
            progress.setTitle("Opening");
            progress.setScene(new Scene(box, 460, 90));
            progress.setOnCloseRequest(e -> ((Runnable) cancel.getUserData()).run());
        }
        Label text = (Label) progress.getScene().lookup("#openProgressText");
        text.textProperty().unbind();
        text.textProperty().bind(message);
        progress.getScene().lookup("#cancelOpen").setUserData(cancelIt);
        progress.show();
    }

    private void showOpenError(String text) {
        Alert a = new Alert(Alert.AlertType.ERROR);
        a.initOwner(stage);
        a.setTitle("Cannot open");
        a.setHeaderText(text.lines().findFirst().orElse("Cannot open"));
        javafx.scene.control.TextArea details = new javafx.scene.control.TextArea(text.lines().skip(1)
            .collect(java.util.stream.Collectors.joining("\n")));
        details.setEditable(false);
        details.setWrapText(true);
        details.setPrefRowCount(Math.min(12, (int) text.lines().count() + 1));
        a.getDialogPane().setContent(details);
        a.getDialogPane().setId("openError");
        a.show();
    }

    private static String key(String name) {
        String k = name.replaceAll("[^A-Za-z0-9_-]", "_");
        return k.length() > 60 ? k.substring(0, 60) : k;
    }

    private void applyTheme(Scene scene) {
        scene.getRoot().getStyleClass().removeAll("dark", "light");
        boolean dark = model.themeProperty().get() == MainViewModel.Theme.DARK;
        scene.getRoot().getStyleClass().add(dark ? "dark" : "light");
        map.setDark(dark);
    }

    public MainViewModel model() {
        return model;
    }

    /** Time spent applying engine batches per pulse (the pulse benchmark reads it). */
    public org.rsvpconsole.ui.live.PulseStatistics pumpStatistics() {
        return pump.statistics();
    }

    public TopologyPane map() {
        return map;
    }

    public TableView<ReservationRow> reservationTable() {
        return reservations;
    }

    public TableView<EventRow> eventTable() {
        return eventLog;
    }

    private MenuBar menu() {
        MenuItem reserve = item("Reserve...", "Shortcut+R", this::openReserve);
        MenuItem tearDown = item("Tear down selected", "Delete", this::tearDownSelected);
        MenuItem change = item("Change bandwidth of selected...", "Shortcut+B", this::changeBandwidthSelected);
        MenuItem exit = item("Exit", "Shortcut+Q", this::close);
        openItem.setDisable(opening == null);
        openHistoryItem.setDisable(openingHistory == null);
        Menu file = new Menu("File", null, openItem, openHistoryItem, new javafx.scene.control.SeparatorMenuItem(),
            exit);
        Menu reservation = new Menu("Reservation", null, reserve, tearDown, change);
        MenuItem pause = item("Stop / start clock", "Shortcut+P", model::togglePause);
        MenuItem realTime = item("Real time (x1)", "Shortcut+0", model::realTime);
        MenuItem faster = item("Faster", "Shortcut+Plus", () -> model.changeSpeed(10));
        MenuItem slower = item("Slower", "Shortcut+Minus", () -> model.changeSpeed(0.1));
        CheckMenuItem mix = new CheckMenuItem("Traffic mix");
        mix.selectedProperty().bindBidirectional(model.trafficMixProperty());
        mix.selectedProperty().addListener((o, a, b) -> model.setTrafficMix(b));
        Menu simulation = new Menu("Simulation", null, pause, faster, slower, realTime, mix);
        MenuItem fit = item("Fit map", "Shortcut+0", map::fit);
        MenuItem find = item("Find node...", "Shortcut+F", this::findNode);
        CheckMenuItem dark = new CheckMenuItem("Dark theme");
        dark.setSelected(model.themeProperty().get() == MainViewModel.Theme.DARK);
        dark.selectedProperty().addListener((o, a, b) -> model.themeProperty().set(b ? MainViewModel.Theme.DARK
            : MainViewModel.Theme.LIGHT));
        Menu view = new Menu("View", null, fit, find, dark);
        return new MenuBar(file, reservation, simulation, view);
    }

    private static MenuItem item(String text, String accelerator, Runnable action) {
        MenuItem i = new MenuItem(text);
        i.setAccelerator(KeyCombination.keyCombination(accelerator));
        i.setOnAction(e -> action.run());
        return i;
    }

    private ToolBar toolbar() {
        Button reserve = new Button("Reserve...");
        reserve.setId("reserveButton");
        reserve.setOnAction(e -> openReserve());
        Button pause = new Button();
        pause.textProperty().bind(model.pausedProperty().map(p -> p ? "Resume" : "Pause"));
        pause.setOnAction(e -> model.togglePause());
        Button faster = new Button("Faster");
        faster.setOnAction(e -> model.changeSpeed(10));
        Button slower = new Button("Slower");
        slower.setOnAction(e -> model.changeSpeed(0.1));
        Button fit = new Button("Fit");
        fit.setOnAction(e -> map.fit());
        Button zoomIn = new Button("+");
        zoomIn.setOnAction(e -> map.zoom(0.8));
        Button zoomOut = new Button("-");
        zoomOut.setOnAction(e -> map.zoom(1.25));
        TextField find = new TextField();
        find.setId("findNode");
        find.setPromptText("Find node");
        TextFields.bindAutoCompletion(find, model.map().topology().nodes().stream().map(TopologyView.NodeView::name)
            .toList());
        find.setOnAction(e -> map.find(find.getText().trim()));
        return new ToolBar(reserve, pause, slower, faster, new Label(" Map:"), fit, zoomIn, zoomOut, find);
    }

    private TabPane tables() {
        TableView<ReservationRow> r = reservations;
        r.setId("reservations");
        ColumnFilters<ReservationRow> rf = filtered(r, model.tables().reservations(), ReservationRow::key);
        inspectorFollows(r, model.inspector()::showReservation);
        column(r, rf, "Node", ReservationRow::node);
        column(r, rf, "To", ReservationRow::to);
        column(r, rf, "From", ReservationRow::from);
        column(r, rf, "Pro", ReservationRow::protocol);
        column(r, rf, "DPort", x -> Integer.toString(x.destPort()));
        column(r, rf, "Sport", ReservationRow::sourcePort);
        column(r, rf, "Next Hop", ReservationRow::nextHop);
        column(r, rf, "I/F", ReservationRow::interfaceName);
        column(r, rf, "Fi", ReservationRow::style);
        column(r, rf, "Serv", ReservationRow::service);
        column(r, rf, "BPS", ReservationRow::bandwidth);
        column(r, rf, "Priorities", ReservationRow::priorities);
        column(r, rf, "State", ReservationRow::state);
        column(r, rf, "Age", x -> model.tables().age(x)).setCellValueFactory(cd -> javafx.beans.binding.Bindings
            .createStringBinding(() -> model.tables().age(cd.getValue()), ageTick));
        selected(r).addListener((o, a, b) -> {
            if (b != null) {
                // The map's selection shows the node in the inspector: select it first, then the reservation.
                model.map().selectedNodeProperty().set(b.node());
                model.map().highlight(b.session());
                model.inspector().showReservation(b);
            }
        });
        MenuItem tear = new MenuItem("Tear down...");
        tear.setOnAction(e -> tearDownSelected());
        MenuItem change = new MenuItem("Change bandwidth...");
        change.setOnAction(e -> changeBandwidthSelected());
        MenuItem show = new MenuItem("Show its events");
        show.setOnAction(e -> Optional.ofNullable(r.getSelectionModel().getSelectedItem())
            .ifPresent(x -> model.events().showSession(x.session())));
        r.setContextMenu(new ContextMenu(tear, change, show));

        TableView<SenderRow> s = new TableView<>();
        s.setId("senders");
        ColumnFilters<SenderRow> sf = filtered(s, model.tables().senders(), SenderRow::key);
        inspectorFollows(s, model.inspector()::showSender);
        selected(s).addListener((o, a, b) -> {
            if (b != null) {
                // The map's selection shows the node in the inspector: select it first, then the sender.
                model.map().selectedNodeProperty().set(b.node());
                model.map().highlight(b.session());
                model.inspector().showSender(b);
            }
        });
        column(s, sf, "Node", SenderRow::node);
        column(s, sf, "To", SenderRow::to);
        column(s, sf, "From", SenderRow::from);
        column(s, sf, "Pro", SenderRow::protocol);
        column(s, sf, "DPort", x -> Integer.toString(x.destPort()));
        column(s, sf, "Sport", x -> Integer.toString(x.sourcePort()));
        column(s, sf, "Prev Hop", SenderRow::previousHop);
        column(s, sf, "I/F", SenderRow::interfaceName);
        column(s, sf, "BPS", SenderRow::bandwidth);

        TableView<InterfaceRow> i = new TableView<>();
        i.setId("interfaces");
        ColumnFilters<InterfaceRow> iff = filtered(i, model.tables().interfaces(), InterfaceRow::key);
        inspectorFollows(i, model.inspector()::showInterface);
        selected(i).addListener((o, a, b) -> {
            if (b != null) {
                model.inspector().showInterface(b);
            }
        });
        column(i, iff, "Node", InterfaceRow::node);
        column(i, iff, "Interface", InterfaceRow::interfaceName);
        column(i, iff, "Link", InterfaceRow::link);
        column(i, iff, "To", InterfaceRow::neighbour);
        column(i, iff, "Up", x -> x.up() ? "up" : "DOWN");
        column(i, iff, "Reservable", InterfaceRow::reservable);
        column(i, iff, "Reserved", InterfaceRow::reserved);
        column(i, iff, "Free", InterfaceRow::free);
        column(i, iff, "Resv", x -> Integer.toString(x.reservations()));
        column(i, iff, "Path out", x -> Long.toString(x.pathOut()));
        column(i, iff, "Resv out", x -> Long.toString(x.resvOut()));
        column(i, iff, "Path in", x -> Long.toString(x.pathIn()));
        column(i, iff, "Resv in", x -> Long.toString(x.resvIn()));
        column(i, iff, "Other", x -> Long.toString(x.otherMessages()));

        TableView<NeighbourRow> n = new TableView<>();
        n.setId("neighbours");
        ColumnFilters<NeighbourRow> nf = filtered(n, model.tables().neighbours(), NeighbourRow::key);
        inspectorFollows(n, model.inspector()::showNeighbour);
        selected(n).addListener((o, a, b) -> {
            if (b != null) {
                // The map's selection shows the node in the inspector: select it first, then the neighbour.
                model.map().selectedNodeProperty().set(b.node());
                model.inspector().showNeighbour(b);
            }
        });
        column(n, nf, "Node", NeighbourRow::node);
        column(n, nf, "Neighbour", NeighbourRow::neighbour);
        column(n, nf, "I/F", NeighbourRow::interfaceName);
        column(n, nf, "Refresh red.", NeighbourRow::refreshReduction);
        column(n, nf, "Integrity", NeighbourRow::integrity);
        column(n, nf, "Hello", NeighbourRow::hello);
        column(n, nf, "In", NeighbourRow::messagesIn);
        column(n, nf, "Out", NeighbourRow::messagesOut);
        column(n, nf, "Retrans.", NeighbourRow::retransmissions);
        column(n, nf, "Acks out/in", NeighbourRow::acks);
        column(n, nf, "NACKs out/in", NeighbourRow::nacks);
        column(n, nf, "Srefresh ids out/in", NeighbourRow::srefreshIds);
        column(n, nf, "Delivery failed", NeighbourRow::deliveryFailures);
        column(n, nf, "Unacked", NeighbourRow::unacknowledged);
        column(n, nf, "Last heard", NeighbourRow::lastHeard);
        // Fifteen columns: each as wide as its title needs (the default cuts them), the names wider.
        for (TableColumn<NeighbourRow, ?> c : n.getColumns()) {
            c.setPrefWidth(Math.max(52, 7.5 * c.getId().length() + 22));
        }
        n.getColumns().get(0).setPrefWidth(80);
        n.getColumns().get(1).setPrefWidth(150);
        n.getColumns().get(4).setPrefWidth(120);

        TabPane tabs = new TabPane(new Tab("Reservations", r), new Tab("Senders", s), new Tab("Interfaces", i),
            new Tab("Neighbours", n), new Tab("Event log", eventLogPane()), new Tab("Charts", charts()));
        Tab lspTab = new Tab("LSPs", lspPane());
        lspTab.setId("lspTab");
        tabs.getTabs().add(lspTab);
        Tab aggregateTab = new Tab("Aggregates", AggregatesPane.create(model));
        aggregateTab.setId("aggregateTab");
        tabs.getTabs().add(aggregateTab);
        Tab preemptionTab = new Tab("Preemptions", preemptionPane());
        preemptionTab.setId("preemptionTab");
        tabs.getTabs().add(preemptionTab);
        tabs.setId("tables");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        return tabs;
    }

    /** The RSVP-TE LSPs at their head ends (RFC 3209), over a line saying how many or why none are shown. */
    private VBox lspPane() {
        TableView<LspRow> t = new TableView<>();
        t.setId("lsps");
        ColumnFilters<LspRow> f = filtered(t, model.lsps().rows(), LspRow::key);
        column(t, f, "Name", LspRow::name).setPrefWidth(70);
        column(t, f, "Head", LspRow::head).setPrefWidth(55);
        column(t, f, "Tail", LspRow::tail).setPrefWidth(55);
        column(t, f, "Tunnel", x -> Integer.toString(x.tunnelId())).setPrefWidth(60);
        column(t, f, "LSP", x -> Integer.toString(x.lspId())).setPrefWidth(50);
        column(t, f, "State", LspRow::state).setPrefWidth(55);
        column(t, f, "BPS", LspRow::bandwidth);
        column(t, f, "Setup/Hold", LspRow::priorities);
        column(t, f, "Flags", LspRow::flags).setPrefWidth(150);
        column(t, f, "Style", LspRow::style).setPrefWidth(50);
        column(t, f, "Explicit route", LspRow::explicitRoute).setPrefWidth(150);
        column(t, f, "Recorded route (labels)", LspRow::recordedRoute).setPrefWidth(420);
        selected(t).addListener((o, a, b) -> {
            if (b != null) {
                model.lsps().selectedProperty().set(b.id());
            }
        });
        // Selected elsewhere (a LabelBound event): the table follows.
        model.lsps().selectedProperty().addListener((o, a, b) -> {
            LspRow shown = t.getSelectionModel().getSelectedItem();
            if (b != null && (shown == null || !shown.id().equals(b))) {
                t.getItems().stream().filter(r -> r.id().equals(b)).findFirst().ifPresent(r -> {
                    t.getSelectionModel().select(r);
                    t.scrollTo(r);
                });
            }
        });
        Label status = new Label();
        status.setId("lspStatus");
        status.textProperty().bind(model.lsps().statusProperty());
        status.setPadding(new Insets(4));
        VBox.setVgrow(t, Priority.ALWAYS);
        return new VBox(status, t);
    }

    /** The preemption history, newest first: selecting a row selects the victim's session (map, inspector). */
    private VBox preemptionPane() {
        TableView<PreemptionRow> t = new TableView<>();
        t.setId("preemptions");
        ColumnFilters<PreemptionRow> f = filtered(t, model.preemptions().rows(), Function.identity());
        column(t, f, "Time", PreemptionRow::time).setPrefWidth(90);
        column(t, f, "Node", PreemptionRow::node).setPrefWidth(55);
        column(t, f, "Interface", PreemptionRow::interfaceName).setPrefWidth(70);
        column(t, f, "Preemptor", PreemptionRow::preemptorText).setPrefWidth(150);
        column(t, f, "Victim", PreemptionRow::victimText).setPrefWidth(150);
        column(t, f, "Preempt/Defend", PreemptionRow::priorities);
        column(t, f, "Whole/Reduced", PreemptionRow::kind);
        column(t, f, "Taken", PreemptionRow::taken);
        column(t, f, "Remaining", PreemptionRow::remaining);
        column(t, f, "Explanation", PreemptionRow::explanation).setPrefWidth(500);
        selected(t).addListener((o, a, b) -> {
            if (b != null) {
                model.preemptions().selectedProperty().set(b);
            }
        });
        Label status = new Label();
        status.setId("preemptionStatus");
        status.textProperty().bind(model.preemptions().statusProperty());
        status.setPadding(new Insets(4));
        VBox.setVgrow(t, Priority.ALWAYS);
        return new VBox(status, t);
    }

    /** The live charts, side by side: the selected link, the selected session, message rates. */
    private HBox charts() {
        ChartsViewModel vm = model.charts();
        LineChart<Number, Number> link = chart(vm.linkTitleProperty(), "kbit/s");
        link.getData().addAll(vm.linkSeries());
        link.setId("linkChart");
        LineChart<Number, Number> session = chart(vm.sessionTitleProperty(), "kbit/s");
        session.getData().add(vm.sessionSeries());
        session.setId("sessionChart");
        LineChart<Number, Number> messages = chart(new javafx.beans.property.SimpleStringProperty(
            "RSVP messages sent per second"), "messages/s");
        messages.getData().addAll(vm.messageSeries());
        messages.setId("messageChart");
        HBox box = new HBox(4, link, session, messages);
        for (LineChart<Number, Number> c : List.of(link, session, messages)) {
            HBox.setHgrow(c, Priority.ALWAYS);
        }
        return box;
    }

    private static LineChart<Number, Number> chart(javafx.beans.value.ObservableValue<String> title, String unit) {
        NumberAxis x = new NumberAxis();
        x.setLabel("engine time (s)");
        x.setForceZeroInRange(false);
        NumberAxis y = new NumberAxis();
        y.setLabel(unit);
        LineChart<Number, Number> c = new LineChart<>(x, y);
        c.titleProperty().bind(title);
        c.setAnimated(false);
        c.setCreateSymbols(false);
        c.setMinWidth(150);
        return c;
    }

    private VBox eventLogPane() {
        ComboBox<String> kind = new ComboBox<>(model.events().kinds());
        kind.valueProperty().bindBidirectional(model.events().kindProperty());
        TextField node = new TextField();
        node.setPromptText("node");
        node.textProperty().bindBidirectional(model.events().nodeProperty());
        TextField session = new TextField();
        session.setPromptText("session (dest/proto/port)");
        session.textProperty().bindBidirectional(model.events().sessionProperty());
        TextField text = new TextField();
        text.setId("eventText");
        text.setPromptText("text");
        text.textProperty().bindBidirectional(model.events().textProperty());
        HBox filters = new HBox(6, new Label("Filter:"), kind, node, session, text);
        filters.setAlignment(Pos.CENTER_LEFT);
        filters.setPadding(new Insets(4));
        eventLog.setId("eventLog");
        ColumnFilters<EventRow> ef = filtered(eventLog, model.events().rows(), Function.identity());
        column(eventLog, ef, "Time", EventRow::time);
        column(eventLog, ef, "Node", EventRow::node);
        column(eventLog, ef, "Kind", EventRow::kind);
        column(eventLog, ef, "Session", EventRow::sessionText);
        TableColumn<EventRow, String> summary = column(eventLog, ef, "What happened", EventRow::summary);
        summary.setPrefWidth(600);
        selected(eventLog).addListener((o, a, b) -> model.events().selectedProperty().set(b));
        VBox.setVgrow(eventLog, Priority.ALWAYS);
        return new VBox(filters, eventLog);
    }

    /**
     * Puts a filter row (one field per column, in the column headers) over {@code source}, and keeps the table's
     * selection on the row of the same {@code key} as rows are replaced (decision 0028); {@link #selected} is the
     * operator's selection.
     */
    static <T> ColumnFilters<T> filtered(TableView<T> table, ObservableList<T> source,
                                         Function<? super T, ?> key) {
        ColumnFilters<T> f = new ColumnFilters<>(source);
        // The header fields' bidirectional bindings hold the filter texts weakly: the table must keep them, or the
        // first garbage collection silently ends filtering.
        table.getProperties().put(ColumnFilters.class, f);
        KeyedSelection.show(table, f.sorted(), key);
        f.sorted().comparatorProperty().bind(table.comparatorProperty());
        table.setTableMenuButtonVisible(true);
        return f;
    }

    /**
     * When a refresh replaces the selected row of {@code table} while the inspector shows it, the inspector shows the
     * replacement (its new values); if the operator looked at something else since, nothing happens.
     */
    @SuppressWarnings("unchecked")
    private <T> void inspectorFollows(TableView<T> table, Consumer<T> show) {
        ((KeyedSelection<T>) table.getProperties().get(KeyedSelection.class)).onReplaced((old, now) -> {
            if (model.inspector().shows(old)) {
                show.accept(now);
            }
        });
    }

    /** The row the operator selected in {@code table} (a table set up by {@link #filtered}), by key. */
    @SuppressWarnings("unchecked")
    static <T> javafx.beans.property.ReadOnlyObjectProperty<T> selected(TableView<T> table) {
        return ((KeyedSelection<T>) table.getProperties().get(KeyedSelection.class)).selectedProperty();
    }

    /** A column whose header carries its filter field. */
    static <T> TableColumn<T, String> column(TableView<T> table, ColumnFilters<T> filters, String title,
                                             Function<T, String> value) {
        TableColumn<T, String> c = column(table, title, value);
        TextField field = new TextField();
        field.setPromptText("filter");
        field.setId("filter-" + title.replace(' ', '-'));
        field.getStyleClass().add("column-filter");
        field.textProperty().bindBidirectional(filters.add(title, value));
        field.setTooltip(new javafx.scene.control.Tooltip("Rows whose " + title + " contains this text; !text for"
            + " rows without it"));
        // A click in the field edits the filter; it must not reach the header, which would sort.
        field.addEventHandler(javafx.scene.input.MouseEvent.ANY, javafx.event.Event::consume);
        field.prefWidthProperty().bind(c.widthProperty().subtract(10));
        Label label = new Label(title);
        VBox header = new VBox(2, label, field);
        header.setAlignment(Pos.CENTER);
        c.setText("");
        c.setGraphic(header);
        c.setId(title);
        return c;
    }

    private static <T> TableColumn<T, String> column(TableView<T> table, String title, Function<T, String> value) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(value.apply(cd.getValue())));
        table.getColumns().add(c);
        return c;
    }

    private VBox inspector() {
        InspectorViewModel vm = model.inspector();
        Label title = new Label();
        title.setId("inspectorTitle");
        title.getStyleClass().add("inspector-title");
        title.textProperty().bind(vm.titleProperty());
        PropertySheet sheet = InspectorSheet.create(vm.properties());
        sheet.setId("propertySheet");
        TreeView<String> tree = new TreeView<>(new TreeItem<>("message"));
        tree.setShowRoot(false);
        vm.dissection().addListener((ListChangeListener<DissectedField>) c -> {
            TreeItem<String> rootItem = new TreeItem<>("message");
            for (DissectedField f : vm.dissection()) {
                rootItem.getChildren().add(treeItem(f));
            }
            tree.setRoot(rootItem);
        });
        Button tear = new Button("Tear down");
        tear.setTooltip(new javafx.scene.control.Tooltip("Tear down the selected session (asks first)"));
        tear.setId("inspectorTearDown");
        tear.disableProperty().bind(vm.sessionProperty().isNull());
        tear.setOnAction(e -> confirmTearDown(vm.sessionProperty().get()));
        Button pcap = new Button("Save pcap...");
        pcap.setTooltip(new javafx.scene.control.Tooltip("Save the selected session's messages as a pcap file"));
        pcap.disableProperty().bind(vm.sessionProperty().isNull());
        pcap.setOnAction(e -> savePcap());
        VBox.setVgrow(sheet, Priority.ALWAYS);
        VBox.setVgrow(tree, Priority.ALWAYS);
        VBox box = new VBox(6, title, sheet, new Label("Decoded message"), tree, new HBox(6, tear, pcap));
        box.setPadding(new Insets(6));
        box.setId("inspector");
        return box;
    }

    private static TreeItem<String> treeItem(DissectedField f) {
        TreeItem<String> item = new TreeItem<>(f.value().isEmpty() ? f.name() : f.name() + ": " + f.value());
        for (DissectedField c : f.children()) {
            item.getChildren().add(treeItem(c));
        }
        item.setExpanded(f.children().size() < 8);
        return item;
    }

    private void savePcap() {
        var session = model.inspector().sessionProperty().get();
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName("session.pcap");
        java.io.File f = chooser.showSaveDialog(stage);
        if (f != null && session != null) {
            try {
                int n = model.inspector().savePcap(f.toPath(), model.events().messagesOf(session));
                model.statusProperty().set("Saved " + n + " messages to " + f);
            } catch (IOException ex) {
                model.statusProperty().set("Could not save " + f + ": " + ex.getMessage());
            }
        }
    }

    private HBox statusBar() {
        Label name = new Label(model.networkName());
        Label clock = new Label();
        clock.setId("clock");
        clock.textProperty().bind(model.clockProperty().concat("  ").concat(model.speedProperty()));
        Label counts = new Label();
        counts.setId("counts");
        counts.textProperty().bind(model.countsProperty());
        Label status = new Label();
        status.textProperty().bind(model.statusProperty());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(18, name, clock, counts, TimelineBar.recordingLabel(model.timeline()), grow, status);
        bar.getStyleClass().add("status-bar");
        bar.setPadding(new Insets(3, 8, 3, 8));
        return bar;
    }

    private void notify(String text, int count) {
        long now = System.nanoTime();
        // At most one popup every two seconds; the rest are in the event log.
        if (now - lastNotification < 2_000_000_000L) {
            return;
        }
        lastNotification = now;
        Notifications.create().title(count > 1 ? count + " problems, the latest:" : "RSVP problem").text(wrap(text, 90))
            .hideAfter(Duration.seconds(6)).owner(stage).showWarning();
    }

    /** A notice in lines of at most {@code width} characters (a notification is as wide as its one-line text). */
    static String wrap(String text, int width) {
        StringBuilder out = new StringBuilder();
        int line = 0;
        for (String word : text.split(" ")) {
            if (line > 0 && line + 1 + word.length() > width) {
                out.append('\n');
                line = 0;
            } else if (line > 0) {
                out.append(' ');
                line++;
            }
            out.append(word);
            line += word.length();
        }
        return out.toString();
    }

    /** Opens the reserve dialog (non-modal, so hosts can be picked on the map). */
    public ReserveDialog openReserve() {
        if (model.replaying()) {
            model.statusProperty().set("The console is replaying the past: Back to live to reserve");
            return reserveDialog;
        }
        if (reserveDialog == null || !reserveDialog.isShowing()) {
            ReserveViewModel vm = model.newReservation();
            reserveDialog = new ReserveDialog(stage, vm, model);
            reserveDialog.setOnHidden(e -> map.setPicked(Set.of()));
            reserveDialog.show();
        }
        return reserveDialog;
    }

    private void tearDownSelected() {
        ReservationRow row = reservations.getSelectionModel().getSelectedItem();
        var session = row != null ? row.session() : model.inspector().sessionProperty().get();
        if (session == null) {
            model.statusProperty().set("Select a reservation to tear down");
            return;
        }
        confirmTearDown(session);
    }

    /** Asks before tearing {@code session} down (from the table, the map or the inspector). */
    private void confirmTearDown(org.rsvpconsole.engine.api.SessionId session) {
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, "Tear down session " + session
            + "? Its receiver sends ResvTear and its senders PathTear.", ButtonType.OK, ButtonType.CANCEL);
        confirm.initOwner(stage);
        confirm.setHeaderText("Tear down reservation");
        confirm.getDialogPane().setId("tearDownConfirm");
        confirm.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> model.tearDown(session));
    }

    private void changeBandwidthSelected() {
        ReservationRow row = reservations.getSelectionModel().getSelectedItem();
        if (row == null) {
            model.statusProperty().set("Select a reservation to change");
            return;
        }
        TextInputDialog d = new TextInputDialog(Units.rate(row.bandwidthBytesPerSecond()).replace(" ", "")
            .replace("bit/s", ""));
        d.initOwner(stage);
        d.setHeaderText("New bandwidth for " + row.session() + " (bit/s, e.g. 128k or 2M)");
        d.showAndWait().ifPresent(text -> model.changeBandwidth(row.session(), text));
    }

    private void findNode() {
        TextInputDialog d = new TextInputDialog();
        d.initOwner(stage);
        d.setHeaderText("Find node");
        d.showAndWait().ifPresent(n -> {
            if (!map.find(n.trim())) {
                model.statusProperty().set("No node named " + n);
            }
        });
    }

    /** Remembers the layout, hides every popup and window, then exits: never Platform.exit() with a popup open. */
    public void close() {
        dispose();
        stage.hide();
    }

    /**
     * Everything {@link #close} does but hiding the main window: stops the pump, hides popups and other windows,
     * releases the map. Used when another network replaces this one in the same window.
     */
    void dispose() {
        if (opening != null) {
            opening.cancel();
        }
        if (openingHistory != null) {
            openingHistory.cancel();
        }
        timelineBar.stop();
        saveLayout();
        ages.stop();
        pump.stop();
        if (reserveDialog != null) {
            reserveDialog.hide();
        }
        for (javafx.stage.Window w : List.copyOf(javafx.stage.Window.getWindows())) {
            if (w != stage) {
                w.hide();
            }
        }
        map.close();
    }

    void saveLayout() {
        prefs.putDouble("x", stage.getX());
        prefs.putDouble("y", stage.getY());
        prefs.putDouble("width", stage.getScene().getWidth());
        prefs.putDouble("height", stage.getScene().getHeight());
        prefs.putDouble("mainDivider", main.getDividers().get(0).getPosition());
        prefs.putDouble("centreDivider", centre.getDividers().get(0).getPosition());
        prefs.put("theme", model.themeProperty().get().name());
        map.savePositions(prefs.node("positions").node(key(model.networkName())));
    }
}
