package ke.co.datacare.whatsapp.api.query;

import java.time.LocalDate;
import java.util.List;

/**
 * Per template and language: messages queued, accepted by Meta, and how far they got (each counts once at its
 * furthest status; read implies delivered). Rates are fractions of the accepted messages, absent when none were.
 */
public record TemplateAnalytics(LocalDate from, LocalDate to, String timeZone, List<Template> templates) {

    public record Template(String name, String language, long queued, long accepted, long delivered, long read,
                           long failed, Double deliveryRate, Double readRate, Double failureRate) {
    }
}
