package ke.co.datacare.whatsapp.command.graph.sandbox;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Active only with {@code datacare.whatsapp.sandbox.enabled=true}, which is meant for a blank
 * {@code datacare.whatsapp.access-token}; {@link SandboxConfiguration} refuses to start next to a real token.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Documented
@ConditionalOnProperty(prefix = "datacare.whatsapp.sandbox", name = "enabled", havingValue = "true")
public @interface ConditionalOnSandbox {
}
