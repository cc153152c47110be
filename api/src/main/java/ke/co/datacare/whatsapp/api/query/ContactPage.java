package ke.co.datacare.whatsapp.api.query;

import java.util.List;

public record ContactPage(List<ContactSummary> items, long total, int page, int size) {
}
