package ke.co.datacare.whatsapp.command.satisfaction;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.util.List;

/**
 * Satisfaction surveys ({@code datacare.csat.*}, e.g. {@code DATACARE_CSAT_TEMPLATE}): when an agent resolves a
 * conversation, the customer gets the approved utility template {@code template} whose quick-reply buttons rate the
 * help.
 *
 * @param template the template's name; none (the default) sends no surveys
 * @param language the template's language
 * @param ratings  what each quick-reply button of the template means, in the buttons' order (1 bad .. 5 excellent)
 */
@Validated
@ConfigurationProperties("datacare.csat")
record SatisfactionSurveyProperties(
        String template,
        @DefaultValue("en") @NotBlank String language,
        @DefaultValue({"5", "4", "3", "2", "1"}) @NotEmpty List<Integer> ratings) {

    SatisfactionSurveyProperties {
        if (ratings.stream().anyMatch(rating -> rating == null || rating < 1 || rating > 5)) {
            throw new IllegalArgumentException("datacare.csat.ratings must each be 1 to 5, got " + ratings);
        }
    }

    boolean enabled() {
        return template != null && !template.isBlank();
    }
}
