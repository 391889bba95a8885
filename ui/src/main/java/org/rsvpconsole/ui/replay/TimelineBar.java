package org.rsvpconsole.ui.replay;

import java.util.function.Supplier;
import javafx.animation.AnimationTimer;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;
import javafx.util.StringConverter;
import org.rsvpconsole.engine.api.RsvpEvent;

/**
 * The replay controls under the toolbar: Replay / Back to live, step back, play/pause, step forward, speed, a
 * slider over the recorded run, a time to jump to, jump to the selected event, and the "REPLAY — time" banner.
 * Binds to a {@link TimelineViewModel}; drives its play clock once per pulse.
 */
public final class TimelineBar extends HBox {

    private final TimelineViewModel model;
    private final AnimationTimer clock;
    private final Timeline status;

    /** @param selectedEvent the event selected in the log, or null */
    public TimelineBar(TimelineViewModel model, Supplier<RsvpEvent> selectedEvent) {
        this.model = model;
        getStyleClass().add("replay-bar");
        setId("timelineBar");
        var replaying = model.replayingProperty();
        Button replay = button("Replay", "replayButton", "Show the recorded history (the live network keeps"
            + " running and recording)", model::enterReplay);
        replay.visibleProperty().bind(replaying.not());
        replay.managedProperty().bind(replay.visibleProperty());
        replay.disableProperty().bind(model.busyProperty());
        Button live = button("Back to live", "backToLive", "Return to the live network", model::backToLive);
        live.visibleProperty().bind(replaying.and(javafx.beans.binding.Bindings.createBooleanBinding(model::live)));
        live.managedProperty().bind(live.visibleProperty());
        live.disableProperty().bind(model.busyProperty());
        Button back = button("|\u25c0", "stepBack", "Step to the previous event", model::stepBack);
        Button play = button("\u25b6", "play", "Play / pause", model::togglePlay);
        play.textProperty().bind(model.playingProperty().map(p -> p ? "||" : "\u25b6"));
        Button next = button("\u25b6|", "stepForward", "Step to the next event", model::stepForward);
        ComboBox<Integer> speed = new ComboBox<>();
        speed.getItems().setAll(TimelineViewModel.SPEEDS);
        speed.setId("replaySpeed");
        speed.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer s) {
                return s == null ? "" : "x" + s;
            }

            @Override
            public Integer fromString(String s) {
                return Integer.valueOf(s.replace("x", ""));
            }
        });
        speed.setValue(model.speedProperty().get());
        speed.setMinWidth(Region.USE_PREF_SIZE);
        speed.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                model.setSpeed(b);
            }
        });
        Slider slider = new Slider(0, 1, 1);
        slider.setId("timelineSlider");
        slider.setMinWidth(120);
        HBox.setHgrow(slider, Priority.ALWAYS);
        model.fractionProperty().addListener((o, a, b) -> {
            if (!slider.isValueChanging()) {
                slider.setValue(b.doubleValue());
            }
        });
        slider.setOnMouseReleased(e -> model.jumpToFraction(slider.getValue()));
        TextField time = new TextField();
        time.setId("jumpTime");
        time.setPromptText("0:01:23 or ISO time");
        time.setPrefColumnCount(11);
        time.setOnAction(e -> model.jumpTo(time.getText()));
        Button go = button("Go", "jumpGo", "Jump to the time typed", () -> model.jumpTo(time.getText()));
        Button toEvent = button("To event", "jumpToEvent", "Show the network right after the event"
            + " selected in the event log", () -> {
                RsvpEvent e = selectedEvent.get();
                if (e == null) {
                    model.messageProperty().set("Select an event in the event log first");
                } else if (model.replayingProperty().get()) {
                    model.jumpToEvent(e);
                } else {
                    model.enterReplay(e);
                }
            });
        for (Node n : new Node[] {back, play, next, speed, slider, time, go}) {
            n.disableProperty().bind(replaying.not().or(model.busyProperty()));
        }
        Label banner = new Label();
        banner.setId("replayBanner");
        banner.getStyleClass().add("replay-banner");
        banner.textProperty().bind(model.bannerProperty());
        banner.visibleProperty().bind(replaying);
        banner.managedProperty().bind(replaying);
        Label where = new Label();
        where.setId("replayPosition");
        where.textProperty().bind(model.positionTextProperty());
        where.visibleProperty().bind(replaying);
        where.managedProperty().bind(replaying);
        where.setMinWidth(Region.USE_PREF_SIZE);
        banner.setMinWidth(Region.USE_PREF_SIZE);
        Label message = new Label();
        message.setId("replayMessage");
        message.textProperty().bind(model.messageProperty());
        getChildren().addAll(replay, live, banner, back, play, next, speed, where, slider, time, go, toEvent, message);
        clock = new AnimationTimer() {
            private long last;

            @Override
            public void handle(long now) {
                if (last != 0) {
                    model.tick(now - last);
                }
                last = now;
            }
        };
        clock.start();
        status = new Timeline(new KeyFrame(Duration.millis(500), e -> model.refreshRecording()));
        status.setCycleCount(Timeline.INDEFINITE);
        status.play();
    }

    private static Button button(String text, String id, String tip, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        b.setMinWidth(Region.USE_PREF_SIZE);
        return b;
    }

    /** A status-bar label showing whether recording keeps up (red when it falls behind or fails). */
    public static Label recordingLabel(TimelineViewModel model) {
        Label l = new Label();
        l.setId("recording");
        l.textProperty().bind(model.recordingProperty());
        model.recordingTroubleProperty().addListener((o, a, b) -> {
            if (b) {
                l.getStyleClass().add("recording-trouble");
            } else {
                l.getStyleClass().remove("recording-trouble");
            }
        });
        return l;
    }

    public TimelineViewModel model() {
        return model;
    }

    /** Stops the play clock and the status refresh (the window is going away). */
    public void stop() {
        clock.stop();
        status.stop();
    }
}
