package ke.co.datacare.whatsapp.api.protection;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The component naming whose personal data the event's {@link PersonalData} components are: a contact id, or a
 * conversation id (the data of the conversation's contact). One per event that has personal data.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface DataSubject {
}
