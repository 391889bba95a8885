package org.rsvpconsole.ui.shell;

import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.rsvpconsole.ui.aggregates.AggregateRow;
import org.rsvpconsole.ui.aggregates.AggregatesViewModel;
import org.rsvpconsole.ui.aggregates.MicroflowRow;
import org.rsvpconsole.ui.common.ColumnFilters;

/**
 * The Aggregates tab's view: the RFC 3175 aggregates over the microflows of the selected one. Selecting an aggregate
 * lists its microflows and draws its reservation on the map as a bundle (the view model decides; this binds).
 */
final class AggregatesPane {

    private AggregatesPane() {
    }

    static VBox create(MainViewModel model) {
        AggregatesViewModel vm = model.aggregates();
        TableView<AggregateRow> t = new TableView<>();
        t.setId("aggregates");
        ColumnFilters<AggregateRow> f = ConsoleWindow.filtered(t, vm.rows(), AggregateRow::key);
        ConsoleWindow.column(t, f, "Aggregate", AggregateRow::name).setPrefWidth(95);
        ConsoleWindow.column(t, f, "Aggregator", AggregateRow::aggregator).setPrefWidth(100);
        ConsoleWindow.column(t, f, "Deaggregator", AggregateRow::deaggregator).setPrefWidth(115);
        ConsoleWindow.column(t, f, "DSCP", AggregateRow::dscpText).setPrefWidth(55);
        ConsoleWindow.column(t, f, "Reserved", AggregateRow::reserved).setPrefWidth(90);
        ConsoleWindow.column(t, f, "Microflows", AggregateRow::microflows).setPrefWidth(120);
        ConsoleWindow.column(t, f, "Setup/Defend", AggregateRow::priorities).setPrefWidth(115);
        ConsoleWindow.column(t, f, "Sizing", AggregateRow::sizing).setPrefWidth(260);
        ConsoleWindow.selected(t).addListener((o, a, b) -> {
            if (b != null) {
                vm.selectedProperty().set(b.key());
            }
        });

        TableView<MicroflowRow> m = new TableView<>();
        m.setId("microflows");
        ColumnFilters<MicroflowRow> mf = ConsoleWindow.filtered(m, vm.microflows(), MicroflowRow::session);
        ConsoleWindow.column(m, mf, "Flow", MicroflowRow::flow).setPrefWidth(90);
        ConsoleWindow.column(m, mf, "Senders", MicroflowRow::senders).setPrefWidth(110);
        ConsoleWindow.column(m, mf, "In aggregate", MicroflowRow::aggregate).setPrefWidth(115);
        ConsoleWindow.column(m, mf, "DSCP", MicroflowRow::dscpText).setPrefWidth(55);
        ConsoleWindow.column(m, mf, "BPS", MicroflowRow::bandwidth).setPrefWidth(90);
        ConsoleWindow.column(m, mf, "Setup/Defend", MicroflowRow::priorities).setPrefWidth(115);
        ConsoleWindow.column(m, mf, "State", MicroflowRow::state).setPrefWidth(90);

        Label status = new Label();
        status.setId("aggregateStatus");
        status.textProperty().bind(vm.statusProperty());
        status.setPadding(new Insets(4));
        SplitPane split = new SplitPane(t, m);
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        split.setDividerPositions(0.4);
        VBox.setVgrow(split, Priority.ALWAYS);
        return new VBox(status, split);
    }
}
