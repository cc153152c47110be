package ke.co.datacare.whatsapp.api.conversation.outbound;

import java.util.List;

/**
 * An approved template by name and language code (e.g. {@code en_US}).
 */
public record TemplateContent(String name, String language, List<TemplateComponent> components)
        implements OutboundContent {

    public TemplateContent {
        components = Lists.copyOf(components);
    }
}
