package ke.co.datacare.whatsapp.command.reaction;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler class of the {@link Reactions} group whose failures are logged and skipped: the batch goes on
 * without it and the event is never handled again (read receipts). A failure of any other handler of the group
 * fails the batch, which is rolled back and processed again (what it queues is in the batch's transaction).
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface BestEffort {
}
