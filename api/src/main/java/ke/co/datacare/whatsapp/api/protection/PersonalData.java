package ke.co.datacare.whatsapp.api.protection;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A component of an event that is personal data of the event's {@link DataSubject}: stored encrypted with the
 * subject's data key, and read as {@code "erased"} (text), empty (lists, maps), zero or {@code null} once the
 * subject was erased.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface PersonalData {

    /** What an erased text reads as. */
    String ERASED = "erased";
}
