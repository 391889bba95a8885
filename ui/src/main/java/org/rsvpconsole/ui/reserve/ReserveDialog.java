package org.rsvpconsole.ui.reserve;

import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.stage.WindowEvent;
import org.rsvpconsole.engine.api.AdmissionPreview;
import org.rsvpconsole.engine.api.ReservationStyle;
import org.rsvpconsole.engine.api.ServiceClass;
import org.rsvpconsole.ui.common.Units;
import org.rsvpconsole.ui.shell.MainViewModel;
import org.rsvpconsole.ui.topology.TopologyViewModel;

/**
 * The reserve window: a form bound to a {@link ReserveViewModel}, each field with its message below it, the path
 * preview hop by hop, and Reserve. Not modal, so the operator can click the two hosts on the map.
 */
public final class ReserveDialog extends Stage {

    private final ReserveViewModel model;

    public ReserveDialog(Window owner, ReserveViewModel model, MainViewModel main) {
        this.model = model;
        initOwner(owner);
        setTitle("Reserve");
        // Centred on its owner it covered most of the map the operator is asked to click: keep it at the right.
        addEventHandler(WindowEvent.WINDOW_SHOWN, e -> {
            setX(Math.max(owner.getX(), owner.getX() + owner.getWidth() - getWidth()));
            setY(owner.getY() + Math.max(0, Math.min(60, owner.getHeight() - getHeight())));
        });
        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(2);
        form.setPadding(new Insets(10));
        int row = 0;
        ComboBox<String> sender = hostBox(model.senderProperty(), "sender");
        ComboBox<String> receiver = hostBox(model.receiverProperty(), "receiver");
        row = add(form, row, "Sender host", sender, model.senderMessage());
        row = add(form, row, "Receiver host", receiver, model.receiverMessage());
        row = add(form, row, "Port (UDP)", field(model.portProperty(), "port"), model.portMessage());
        row = add(form, row, "Token rate r (bit/s)", field(model.rateProperty(), "rate"), model.rateMessage());
        row = add(form, row, "Bucket b (bytes)", field(model.bucketProperty(), "bucket"), model.bucketMessage());
        row = add(form, row, "Peak p (bit/s)", field(model.peakProperty(), "peak"), model.peakMessage());
        row = add(form, row, "Min policed m (bytes)", field(model.minPolicedProperty(), "minPoliced"),
            model.minPolicedMessage());
        row = add(form, row, "Max packet M (bytes)", field(model.maxPacketProperty(), "maxPacket"),
            model.maxPacketMessage());
        ComboBox<ServiceClass> service = new ComboBox<>();
        service.getItems().addAll(ServiceClass.values());
        service.valueProperty().bindBidirectional(model.serviceProperty());
        service.setId("service");
        row = add(form, row, "Service", service, null);
        ComboBox<ReservationStyle> style = new ComboBox<>();
        style.getItems().addAll(ReservationStyle.values());
        style.valueProperty().bindBidirectional(model.styleProperty());
        style.setId("style");
        row = add(form, row, "Style", style, null);
        TextField r = field(model.guaranteedRateProperty(), "guaranteedRate");
        r.setPromptText("= r");
        r.disableProperty().bind(model.serviceProperty().isNotEqualTo(ServiceClass.GUARANTEED));
        row = add(form, row, "Guaranteed R (bit/s)", r, model.guaranteedRateMessage());
        TextField s = field(model.slackProperty(), "slack");
        s.disableProperty().bind(r.disableProperty());
        row = add(form, row, "Slack S (us)", s, model.slackMessage());
        TextField setup = field(model.setupPriorityProperty(), "setupPriority");
        setup.setPromptText("none");
        row = add(form, row, "Setup priority", setup, null);
        TextField hold = field(model.holdPriorityProperty(), "holdPriority");
        hold.setPromptText("none");
        add(form, row, "Hold priority", hold, model.priorityMessage());

        TableView<AdmissionPreview.Hop> hops = new TableView<>(model.hops());
        hops.setId("hops");
        hops.setPrefHeight(180);
        col(hops, "Node", AdmissionPreview.Hop::node);
        col(hops, "I/F", AdmissionPreview.Hop::interfaceName);
        col(hops, "To", AdmissionPreview.Hop::toNode);
        col(hops, "Asks", h -> Units.rate(h.requestedBytesPerSecond()));
        col(hops, "Free", h -> Units.rate(h.freeBytesPerSecond()));
        col(hops, "Admission", h -> h.admitted() ? "passes" : "refused: " + h.reason());
        Label verdict = new Label();
        verdict.setId("verdict");
        verdict.textProperty().bind(model.verdictProperty());
        Button preview = new Button("Preview path");
        preview.setId("previewButton");
        preview.disableProperty().bind(model.validProperty().not());
        preview.setOnAction(e -> model.preview().thenAccept(p -> Platform.runLater(() -> {
            model.show(p);
            main.map().highlighted().setAll(p.hops().stream()
                .map(h -> TopologyViewModel.key(h.link(), h.node())).toList());
        })));
        Button reserve = new Button("Reserve");
        reserve.setId("commitReserve");
        reserve.setDefaultButton(true);
        reserve.disableProperty().bind(model.validProperty().not());
        reserve.setOnAction(e -> model.reserve().whenComplete((sid, ex) -> Platform.runLater(() -> {
            if (ex != null) {
                model.verdictProperty().set("Could not reserve: " + (ex.getCause() == null ? ex.getMessage()
                    : ex.getCause().getMessage()));
            } else {
                main.statusProperty().set("Reserving " + sid + "; watch it come up in the table");
                main.map().highlighted().clear();
                hide();
            }
        })));
        Button cancel = new Button("Cancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> {
            main.map().highlighted().clear();
            hide();
        });
        Label hint = new Label("Click the sender, then the receiver on the map, or choose them here.");
        VBox box = new VBox(8, hint, form, new HBox(8, preview, reserve, cancel), verdict, hops);
        box.setPadding(new Insets(10));
        Scene scene = new Scene(box);
        scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        box.getStyleClass().addAll(owner.getScene().getRoot().getStyleClass());
        setScene(scene);
    }

    public ReserveViewModel model() {
        return model;
    }

    private ComboBox<String> hostBox(StringProperty p, String id) {
        ComboBox<String> c = new ComboBox<>();
        c.getItems().addAll(model.hosts());
        c.valueProperty().bindBidirectional(p);
        c.setId(id);
        return c;
    }

    private static TextField field(StringProperty p, String id) {
        TextField t = new TextField();
        t.textProperty().bindBidirectional(p);
        t.setId(id);
        return t;
    }

    private static int add(GridPane g, int row, String label, Node field, StringProperty message) {
        g.add(new Label(label), 0, row);
        g.add(field, 1, row);
        row++;
        if (message != null) {
            Label m = new Label();
            m.getStyleClass().add("field-error");
            m.textProperty().bind(message);
            m.setId(field.getId() + "Message");
            g.add(m, 1, row);
            row++;
        }
        return row;
    }

    private static <T> void col(TableView<T> t, String title, java.util.function.Function<T, String> f) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(f.apply(cd.getValue())));
        t.getColumns().add(c);
    }
}
