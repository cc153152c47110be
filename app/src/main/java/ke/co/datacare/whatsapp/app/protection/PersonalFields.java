package ke.co.datacare.whatsapp.app.protection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import ke.co.datacare.whatsapp.api.protection.ContainsPersonalData;
import ke.co.datacare.whatsapp.api.protection.DataSubject;
import ke.co.datacare.whatsapp.api.protection.PersonalData;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Which properties of a payload type are personal data ({@link PersonalData}), what each reads as once erased, which
 * hold personal data inside them ({@link ContainsPersonalData}, found per payload by {@link NestedPersonalData}), and
 * how to find the payload's subject ({@link DataSubject}). Worked out once per type.
 */
record PersonalFields(String subjectProperty, Method subjectAccessor, List<Property> properties,
                      List<RecordComponent> containers) {

    /** A personal property by its JSON name, and its value once erased. */
    record Property(String name, JsonNode erased) {
    }

    static final PersonalFields NONE = new PersonalFields(null, null, List.of(), List.of());

    private static final ClassValue<PersonalFields> BY_TYPE = new ClassValue<>() {
        @Override
        protected PersonalFields computeValue(Class<?> type) {
            return inspect(type);
        }
    };

    static PersonalFields of(Class<?> type) {
        return BY_TYPE.get(type);
    }

    boolean any() {
        return !properties.isEmpty() || !containers.isEmpty();
    }

    Object subjectOf(Object payload) {
        try {
            return subjectAccessor.invoke(payload);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("The data subject of " + payload.getClass().getName() + " cannot be read", e);
        }
    }

    private static PersonalFields inspect(Class<?> type) {
        if (!type.isRecord()) {
            return NONE;
        }
        List<Property> personal = new ArrayList<>();
        List<RecordComponent> containers = new ArrayList<>();
        RecordComponent subject = null;
        for (RecordComponent component : type.getRecordComponents()) {
            if (annotated(component, PersonalData.class)) {
                personal.add(new Property(component.getName(), erasedValueOf(component.getType())));
            }
            if (annotated(component, ContainsPersonalData.class)) {
                containers.add(component);
            }
            if (annotated(component, DataSubject.class)) {
                subject = component;
            }
        }
        if (personal.isEmpty() && containers.isEmpty()) {
            return NONE;
        }
        if (subject == null) {
            throw new IllegalStateException(type.getName() + " has personal data but no @DataSubject");
        }
        Method accessor = subject.getAccessor();
        if (!Modifier.isPublic(type.getModifiers())) {
            accessor.setAccessible(true);
        }
        return new PersonalFields(subject.getName(), accessor, List.copyOf(personal), List.copyOf(containers));
    }

    static boolean annotated(RecordComponent component, Class<? extends java.lang.annotation.Annotation> type) {
        if (component.isAnnotationPresent(type)) {
            return true;
        }
        try {
            AnnotatedElement field = component.getDeclaringRecord().getDeclaredField(component.getName());
            return field.isAnnotationPresent(type);
        } catch (NoSuchFieldException e) {
            return false;
        }
    }

    static JsonNode erasedValueOf(Class<?> type) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (CharSequence.class.isAssignableFrom(type)) {
            return nodes.textNode(PersonalData.ERASED);
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return nodes.arrayNode();
        }
        if (Map.class.isAssignableFrom(type)) {
            return nodes.objectNode();
        }
        if (type == boolean.class) {
            return nodes.booleanNode(false);
        }
        if (type.isPrimitive()) {
            return nodes.numberNode(0);
        }
        return nodes.nullNode();
    }
}
