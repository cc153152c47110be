package ke.co.datacare.whatsapp.command.contact;

import com.fasterxml.jackson.databind.ObjectMapper;
import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.api.contact.ContactOptedIn;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ContactOptedInUpcasterTest {

    private final JacksonSerializer serializer = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper().findAndRegisterModules()).build();

    @Test
    void an_opt_in_stored_before_reasons_existed_is_read_with_no_reason() throws IOException {
        byte[] stored;
        try (InputStream fixture = getClass().getResourceAsStream("/upcasting/ContactOptedIn-1.json")) {
            stored = fixture.readAllBytes();
        }
        SerializedObject<byte[]> payload = new SimpleSerializedObject<>(stored, byte[].class,
                ContactOptedInUpcaster.REVISION_1);
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>("Contact",
                "5d1f1a4e-7c1b-3a55-9f6e-2b8d6c0e4a11", 3, "event-1", Instant.parse("2026-11-24T08:15:30Z"),
                payload.getType().getName(), payload.getType().getRevision(), stored, "{}".getBytes());

        List<IntermediateEventRepresentation> upcast = new ContactOptedInUpcaster()
                .upcast(Stream.of(new InitialEventRepresentation(entry, serializer))).toList();

        assertThat(upcast).hasSize(1);
        assertThat(upcast.get(0).getType()).isEqualTo(ContactOptedInUpcaster.REVISION_2);
        Object event = serializer.deserialize(upcast.get(0).getData());
        assertThat(event).isEqualTo(new ContactOptedIn(ContactId.of("5d1f1a4e-7c1b-3a55-9f6e-2b8d6c0e4a11"), "keyword",
                Instant.parse("2026-11-24T08:15:30Z"), null));
    }
}
