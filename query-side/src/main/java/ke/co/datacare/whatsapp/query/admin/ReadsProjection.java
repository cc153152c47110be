package ke.co.datacare.whatsapp.query.admin;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an endpoint that answers from the tables of a processing group: while that group replays,
 * its answers carry {@value RebuildingHeader#NAME} with the group's name, as they may be incomplete.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface ReadsProjection {

    /** The processing group whose tables the endpoint reads. */
    String value();
}
