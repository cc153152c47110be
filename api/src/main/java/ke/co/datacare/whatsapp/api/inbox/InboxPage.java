package ke.co.datacare.whatsapp.api.inbox;

import java.util.List;

public record InboxPage(List<InboxItem> items, long total, int page, int size) {
}
