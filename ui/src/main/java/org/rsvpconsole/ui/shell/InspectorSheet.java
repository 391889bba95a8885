package org.rsvpconsole.ui.shell;

import java.util.Optional;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.control.TextField;
import org.controlsfx.control.PropertySheet;
import org.controlsfx.property.editor.PropertyEditor;
import org.rsvpconsole.ui.inspector.InspectorViewModel;

/**
 * The inspector's ControlsFX {@link PropertySheet}: read-only, grouped by category, following the view model's
 * property list. Values are shown in non-editable text fields so they can be selected and copied.
 */
final class InspectorSheet {

    private InspectorSheet() {
    }

    /** One read-only line of the sheet. */
    record Item(InspectorViewModel.Property property) implements PropertySheet.Item {

        @Override
        public Class<?> getType() {
            return String.class;
        }

        @Override
        public String getCategory() {
            return property.category();
        }

        @Override
        public String getName() {
            return property.name();
        }

        @Override
        public String getDescription() {
            return property.name() + ": " + property.value();
        }

        @Override
        public Object getValue() {
            return property.value();
        }

        @Override
        public void setValue(Object value) {
            // Read-only: the inspector shows state, it does not edit it.
        }

        @Override
        public Optional<ObservableValue<? extends Object>> getObservableValue() {
            return Optional.empty();
        }

        @Override
        public boolean isEditable() {
            return false;
        }
    }

    static PropertySheet create(ObservableList<InspectorViewModel.Property> properties) {
        PropertySheet sheet = new PropertySheet();
        sheet.setModeSwitcherVisible(false);
        sheet.setSearchBoxVisible(true);
        sheet.setMode(PropertySheet.Mode.CATEGORY);
        sheet.setPropertyEditorFactory(item -> new PropertyEditor<Object>() {
            private final TextField field = readOnly(String.valueOf(item.getValue()));

            @Override
            public Node getEditor() {
                return field;
            }

            @Override
            public Object getValue() {
                return field.getText();
            }

            @Override
            public void setValue(Object value) {
                field.setText(String.valueOf(value));
            }
        });
        properties.addListener((ListChangeListener<InspectorViewModel.Property>) c ->
            sheet.getItems().setAll(properties.stream().map(Item::new).toList()));
        return sheet;
    }

    private static TextField readOnly(String text) {
        TextField f = new TextField(text);
        f.setEditable(false);
        f.getStyleClass().add("read-only");
        return f;
    }
}
