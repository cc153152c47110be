package ke.co.datacare.whatsapp.app.protection;

import com.fasterxml.jackson.databind.JsonNode;
import ke.co.datacare.whatsapp.api.protection.PersonalData;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The {@link PersonalData} values inside a payload's {@code @ContainsPersonalData} components, found on the payload
 * itself (a sealed content type is known only from its value), each as the JSON pointer of its place in the
 * payload's JSON (record components are JSON properties of the same name) and the value it reads as once erased.
 * Only records and lists of records are walked.
 */
final class NestedPersonalData {

    /** One personal value inside a payload: where it is in the JSON, and what it reads as once erased. */
    record Place(String pointer, JsonNode erased) {
    }

    /**
     * A record type's components, and for each that is personal data what it reads as once erased ({@code null} for
     * the others): worked out once per type (looking the annotations up on every payload written was a reflective
     * field look-up per component).
     */
    private record Shape(RecordComponent[] components, JsonNode[] erased) {
    }

    private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            JsonNode[] erased = new JsonNode[components.length];
            for (int i = 0; i < components.length; i++) {
                components[i].getAccessor().setAccessible(true);
                if (PersonalFields.annotated(components[i], PersonalData.class)) {
                    erased[i] = PersonalFields.erasedValueOf(components[i].getType());
                }
            }
            return new Shape(components, erased);
        }
    };

    private NestedPersonalData() {
    }

    static List<Place> in(Object payload, PersonalFields fields) {
        List<Place> places = new ArrayList<>();
        for (RecordComponent container : fields.containers()) {
            walk(read(container, payload), "/" + container.getName(), places);
        }
        return places;
    }

    private static void walk(Object value, String pointer, List<Place> places) {
        if (value instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                walk(item, pointer + "/" + index++, places);
            }
        } else if (value != null && value.getClass().isRecord()) {
            Shape shape = SHAPES.get(value.getClass());
            for (int i = 0; i < shape.components().length; i++) {
                RecordComponent component = shape.components()[i];
                Object inner = read(component, value);
                String place = pointer + "/" + component.getName();
                if (shape.erased()[i] != null) {
                    if (inner != null) {
                        places.add(new Place(place, shape.erased()[i]));
                    }
                } else {
                    walk(inner, place, places);
                }
            }
        }
    }

    private static Object read(RecordComponent component, Object owner) {
        try {
            return component.getAccessor().invoke(owner);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("The component " + component.getName() + " of "
                    + owner.getClass().getName() + " cannot be read", e);
        }
    }
}
