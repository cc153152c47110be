package ke.co.datacare.whatsapp.app.security;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;

/** What a password must be: 10 characters at least, and no more than bcrypt reads (72 bytes in UTF-8). */
final class Passwords {

    static final int MIN_LENGTH = 10;
    static final int BCRYPT_MAX_BYTES = 72;

    private Passwords() {
    }

    static boolean fitsBcrypt(String password) {
        return password != null && password.getBytes(StandardCharsets.UTF_8).length <= BCRYPT_MAX_BYTES;
    }

    static boolean acceptable(String password) {
        return password != null && password.codePointCount(0, password.length()) >= MIN_LENGTH && fitsBcrypt(password);
    }

    /** Bean validation of a new password. */
    @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = Check.class)
    @interface Acceptable {
        String message() default "must have at least 10 characters and at most 72 bytes";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    static final class Check implements ConstraintValidator<Acceptable, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || acceptable(value);
        }
    }
}
