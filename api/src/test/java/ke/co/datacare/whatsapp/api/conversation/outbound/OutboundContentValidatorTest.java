package ke.co.datacare.whatsapp.api.conversation.outbound;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class OutboundContentValidatorTest {

    private final OutboundContentValidator validator = new OutboundContentValidator();

    static Stream<Arguments> valid_content() {
        return Stream.of(
                arguments("text of 1 character", new TextContent("a", false)),
                arguments("text of 4096 characters", new TextContent("a".repeat(4096), true)),
                arguments("text of 4096 emoji", new TextContent("\uD83D\uDE00".repeat(4096), false)),
                arguments("image by id with a 1024-character caption",
                        MediaContent.byId(MediaKind.IMAGE, "1234", "c".repeat(1024))),
                arguments("document by link with a filename",
                        new MediaContent(MediaKind.DOCUMENT, null, "https://example.com/a.pdf", "Invoice", "a.pdf")),
                arguments("sticker by id", MediaContent.byId(MediaKind.STICKER, "1234", null)),
                arguments("three buttons with 20-character titles", buttons("b".repeat(20), "two", "three")),
                arguments("a list of 10 rows in two sections", list(5, 5)),
                arguments("a template without components", new TemplateContent("hello_world", "en_US", null)),
                arguments("a template with every parameter type", new TemplateContent("order_update", "en", List.of(
                        TemplateComponent.header(TemplateParameter.mediaById("image", "4490")),
                        TemplateComponent.body(TemplateParameter.text("Wanjiku"),
                                TemplateParameter.currency("KES 1500.50"), TemplateParameter.dateTime("25 Nov")),
                        TemplateComponent.quickReplyButton(0, "AGENT"),
                        TemplateComponent.urlButton(1, "DC-1042")))),
                arguments("a Flow that opens its first screen with data", flow("Book a visit", FlowContent.NAVIGATE,
                        "BOOKING", Map.of("plan", "Home 10"))),
                arguments("a Flow whose endpoint chooses the screen", flow("Sign up", FlowContent.DATA_EXCHANGE,
                        null, null)),
                arguments("a template with a flow button", new TemplateContent("book_visit", "en", List.of(
                        TemplateComponent.flowButton(0, "visit-42", Map.of("plan", "Home 10"))))),
                arguments("a reaction", new ReactionContent("wamid.A", "\uD83D\uDC4D")),
                arguments("a reaction removed", new ReactionContent("wamid.A", "")));
    }

    @ParameterizedTest(name = "accepts {0}")
    @MethodSource
    void valid_content(String description, OutboundContent content) {
        assertThat(validator.validate(content)).isEmpty();
    }

    static Stream<Arguments> invalid_content() {
        return Stream.of(
                arguments("an empty text", new TextContent("", false), "body"),
                arguments("a text of 4097 characters", new TextContent("a".repeat(4097), false), "body"),
                arguments("a caption of 1025 characters",
                        MediaContent.byId(MediaKind.VIDEO, "1", "c".repeat(1025)), "caption"),
                arguments("a caption on audio", MediaContent.byId(MediaKind.AUDIO, "1", "hear this"), "caption"),
                arguments("a caption on a sticker", MediaContent.byId(MediaKind.STICKER, "1", "look"), "caption"),
                arguments("media with both id and link",
                        new MediaContent(MediaKind.IMAGE, "1", "https://example.com/a.png", null, null), "mediaId"),
                arguments("media with neither id nor link",
                        new MediaContent(MediaKind.IMAGE, null, null, null, null), "mediaId"),
                arguments("a filename on an image",
                        new MediaContent(MediaKind.IMAGE, "1", null, null, "a.png"), "filename"),
                arguments("media without a kind", new MediaContent(null, "1", null, null, null), "kind"),
                arguments("no buttons", buttons(), "buttons"),
                arguments("four buttons", buttons("a", "b", "c", "d"), "buttons"),
                arguments("a button title of 21 characters", buttons("ok", "b".repeat(21)), "buttons[1].title"),
                arguments("an empty button title", buttons("ok", ""), "buttons[1].title"),
                arguments("duplicate button ids", new InteractiveButtonsContent(null, "Choose", null, List.of(
                        new ReplyButton("same", "One"), new ReplyButton("same", "Two"))), "buttons[1].id"),
                arguments("buttons without a body", new InteractiveButtonsContent(null, null, null,
                        List.of(new ReplyButton("a", "A"))), "body"),
                arguments("an interactive body of 1025 characters", new InteractiveButtonsContent(null,
                        "b".repeat(1025), null, List.of(new ReplyButton("a", "A"))), "body"),
                arguments("a list of 11 rows", list(6, 5), "sections"),
                arguments("a list without sections", new InteractiveListContent(null, "Pick", null, "Open",
                        List.of()), "sections"),
                arguments("a row title of 25 characters", listWithRow(new ListRow("r", "t".repeat(25), null)),
                        "sections[0].rows[0].title"),
                arguments("a row description of 73 characters",
                        listWithRow(new ListRow("r", "Title", "d".repeat(73))), "sections[0].rows[0].description"),
                arguments("a section title of 25 characters", new InteractiveListContent(null, "Pick", null, "Open",
                        List.of(new ListSection("s".repeat(25), List.of(new ListRow("r", "Row", null))))),
                        "sections[0].title"),
                arguments("a list button text of 21 characters", new InteractiveListContent(null, "Pick", null,
                        "o".repeat(21), List.of(new ListSection(null, List.of(new ListRow("r", "Row", null))))),
                        "buttonText"),
                arguments("a list body of 1025 characters", new InteractiveListContent(null, "b".repeat(1025),
                        null, "Open", List.of(new ListSection(null, List.of(new ListRow("r", "Row", null))))),
                        "body"),
                arguments("untitled sections in a list of two", new InteractiveListContent(null, "Pick", null,
                        "Open", List.of(new ListSection("One", List.of(new ListRow("a", "A", null))),
                        new ListSection(null, List.of(new ListRow("b", "B", null))))), "sections[1].title"),
                arguments("a template without a name", new TemplateContent(" ", "en", null), "name"),
                arguments("a template without a language", new TemplateContent("hello_world", null, null),
                        "language"),
                arguments("a template button without a sub type", new TemplateContent("t", "en", List.of(
                        new TemplateComponent("button", null, 0, List.of(TemplateParameter.payload("P"))))),
                        "components[0].subType"),
                arguments("a template media parameter without media", new TemplateContent("t", "en", List.of(
                        TemplateComponent.header(new TemplateParameter("image", null, null, null, null)))),
                        "components[0].parameters[0].mediaId"),
                arguments("a currency without its code", new TemplateContent("t", "en", List.of(
                        TemplateComponent.body(TemplateParameter.text("x"), TemplateParameter.currency("1500")))),
                        "components[0].parameters[1].text"),
                arguments("a Flow without its id", new FlowContent(null, "Book", null, null, "Book", null,
                        FlowContent.NAVIGATE, "BOOKING", null, false), "flowId"),
                arguments("a Flow id that is not Meta's", new FlowContent(null, "Book", null, "flow-1", "Book", null,
                        FlowContent.NAVIGATE, "BOOKING", null, false), "flowId"),
                arguments("a Flow button text of 21 characters", flow("b".repeat(21), FlowContent.NAVIGATE,
                        "BOOKING", null), "cta"),
                arguments("a Flow button text with an emoji", flow("Book \uD83D\uDCC5", FlowContent.NAVIGATE,
                        "BOOKING", null), "cta"),
                arguments("a Flow that navigates nowhere", flow("Book", FlowContent.NAVIGATE, null, null), "screen"),
                arguments("a data exchange Flow given a screen", flow("Book", FlowContent.DATA_EXCHANGE, "BOOKING",
                        null), "screen"),
                arguments("a Flow with an unknown action", flow("Book", "open", "BOOKING", null), "action"),
                arguments("a flow button token that is not an id", new TemplateContent("t", "en", List.of(
                        TemplateComponent.flowButton(0, "not an id!", null))), "components[0].parameters[0].flowToken"),
                arguments("a reaction without a target", new ReactionContent(null, "\uD83D\uDC4D"), "targetWamid"),
                arguments("no content at all", null, "content"));
    }

    @ParameterizedTest(name = "refuses {0}")
    @MethodSource
    void invalid_content(String description, OutboundContent content, String field) {
        assertThat(validator.validate(content)).extracting(FieldViolation::field).contains(field);
    }

    @Test
    void names_the_offending_button_by_its_position() {
        List<FieldViolation> violations = validator.validate(buttons("ok", "this title is far too long"));

        assertThat(violations).containsExactly(
                new FieldViolation("buttons[1].title", "must have at most 20 characters"));
    }

    private static InteractiveButtonsContent buttons(String... titles) {
        List<ReplyButton> buttons = IntStream.range(0, titles.length)
                .mapToObj(i -> new ReplyButton("button-" + i, titles[i]))
                .toList();
        return new InteractiveButtonsContent("Header", "Choose one", "Footer", buttons);
    }

    private static InteractiveListContent list(int... rowsPerSection) {
        List<ListSection> sections = IntStream.range(0, rowsPerSection.length)
                .mapToObj(s -> new ListSection("Section " + s, IntStream.range(0, rowsPerSection[s])
                        .mapToObj(r -> new ListRow("row-" + s + "-" + r, "Row " + r, "About row " + r))
                        .toList()))
                .toList();
        return new InteractiveListContent("Header", "Pick a plan", "Footer", "Plans", sections);
    }

    private static FlowContent flow(String cta, String action, String screen, Map<String, Object> data) {
        return new FlowContent("Visit", "Choose a time for the technician", null, "1197715005513101", cta, null,
                action, screen, data, false);
    }

    private static InteractiveListContent listWithRow(ListRow row) {
        return new InteractiveListContent(null, "Pick", null, "Open", List.of(new ListSection(null, List.of(row))));
    }
}
