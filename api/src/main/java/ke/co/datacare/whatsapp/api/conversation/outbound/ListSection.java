package ke.co.datacare.whatsapp.api.conversation.outbound;

import java.util.List;

public record ListSection(String title, List<ListRow> rows) {

    public ListSection {
        rows = Lists.copyOf(rows);
    }
}
