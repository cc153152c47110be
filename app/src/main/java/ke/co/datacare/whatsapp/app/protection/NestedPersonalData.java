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

    private static final ClassValue<RecordComponent[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected RecordComponent[] computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            for (RecordComponent component : components) {
                component.getAccessor().setAccessible(true);
            }
            return components;
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
            for (RecordComponent component : COMPONENTS.get(value.getClass())) {
                Object inner = read(component, value);
                String place = pointer + "/" + component.getName();
                if (PersonalFields.annotated(component, PersonalData.class)) {
                    if (inner != null) {
                        places.add(new Place(place, PersonalFields.erasedValueOf(component.getType())));
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
