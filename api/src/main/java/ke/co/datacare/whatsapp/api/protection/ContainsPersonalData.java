package ke.co.datacare.whatsapp.api.protection;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A component of an event whose value (a record, a list of records, or one of the records of a sealed type) has
 * {@link PersonalData} components of its own, about the event's {@link DataSubject}: for example the text, caption
 * or template parameters of a message we send. Only those inner components are encrypted; the rest of the value
 * (its type, a template's name and language) stays readable, so analytics still add up after erasure.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface ContainsPersonalData {
}
