package ke.co.datacare.whatsapp.chatbot.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import ke.co.datacare.whatsapp.api.common.DomainException;
import ke.co.datacare.whatsapp.api.common.ErrorCode;
import ke.co.datacare.whatsapp.api.conversation.outbound.FieldViolation;
import ke.co.datacare.whatsapp.chatbot.context.ChatbotConfigHolder;
import ke.co.datacare.whatsapp.chatbot.engine.ChatbotConfig;
import ke.co.datacare.whatsapp.chatbot.engine.FieldError;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The bot's FAQs, intents, menu, replies and business hours; a change applies from the next customer message. */
@RestController
@RequestMapping("/api/chatbot/config")
@Tag(name = "Chatbot", description = "What the bot knows and says, and when the team is open")
@SecurityRequirement(name = "bearer")
class ChatbotConfigController {

    private final ChatbotConfigHolder holder;
    private final ChatbotConfigStore store;
    private final ObjectMapper strict;
    private final Clock clock;

    ChatbotConfigController(ChatbotConfigHolder holder, ChatbotConfigStore store, ObjectMapper json, Clock clock) {
        this.holder = holder;
        this.store = store;
        this.strict = json.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.clock = clock;
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('ADMIN','AGENT')")
    @Operation(summary = "The configuration in force")
    ChatbotConfig current() {
        return holder.current();
    }

    @PutMapping
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Replace the whole configuration; refused with the list of problems when it is not valid")
    ChatbotConfig replace(@RequestBody JsonNode body, Authentication caller) {
        ChatbotConfig config = read(body);
        List<FieldError> errors = config.validate();
        if (!errors.isEmpty()) {
            throw invalid(errors.stream().map(error -> new FieldViolation(error.field(), error.message())).toList());
        }
        store.save(config, caller.getName(), clock.instant());
        holder.replace(config);
        return holder.current();
    }

    private ChatbotConfig read(JsonNode body) {
        try {
            return strict.treeToValue(body, ChatbotConfig.class);
        } catch (JsonMappingException e) {
            String field = e.getPath().stream()
                    .map(reference -> reference.getFieldName() != null ? reference.getFieldName()
                            : "[" + reference.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            throw invalid(List.of(new FieldViolation(field.isEmpty() ? "$" : field, e.getOriginalMessage())));
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw invalid(List.of(new FieldViolation("$", "not a chatbot configuration")));
        }
    }

    private static DomainException invalid(List<FieldViolation> errors) {
        return new DomainException(ErrorCode.VALIDATION_FAILED, "The chatbot configuration is not valid",
                Map.of("errors", errors));
    }
}
