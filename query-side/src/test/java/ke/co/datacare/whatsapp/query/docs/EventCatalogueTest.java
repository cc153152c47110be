package ke.co.datacare.whatsapp.query.docs;

import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The event catalogue of docs/analytics.md lists every versioned event of the api with its revision and fields. */
class EventCatalogueTest {

    private static final Path GUIDE = Path.of("..", "docs", "analytics.md");

    private static List<Class<?>> versionedEvents() throws ClassNotFoundException {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Revision.class));
        Set<BeanDefinition> found = scanner.findCandidateComponents("ke.co.datacare.whatsapp.api");
        List<Class<?>> events = new ArrayList<>();
        for (BeanDefinition definition : found) {
            events.add(Class.forName(definition.getBeanClassName()));
        }
        return events;
    }

    private static Optional<String> catalogueLine(List<String> guide, Class<?> event) {
        String name = "| `" + event.getSimpleName() + "` |";
        return guide.stream().filter(line -> line.startsWith(name)).findFirst();
    }

    @Test
    void the_api_has_versioned_events_to_describe() throws ClassNotFoundException {
        assertThat(versionedEvents()).extracting(Class::getSimpleName).contains("TextMessageReceived", "ContactRegistered");
    }

    @Test
    void every_versioned_event_is_in_the_catalogue_with_its_revision_and_every_field() throws Exception {
        List<String> guide = Files.readAllLines(GUIDE);
        List<String> problems = new ArrayList<>();
        for (Class<?> event : versionedEvents()) {
            Optional<String> line = catalogueLine(guide, event);
            if (line.isEmpty()) {
                problems.add(event.getName() + " is missing");
                continue;
            }
            String revision = event.getAnnotation(Revision.class).value();
            if (!line.get().contains("| " + revision + " |")) {
                problems.add(event.getSimpleName() + " should show revision " + revision);
            }
            Arrays.stream(event.getRecordComponents())
                    .map(component -> "`" + component.getName() + "`")
                    .filter(field -> !line.get().contains(field))
                    .forEach(field -> problems.add(event.getSimpleName() + " does not mention " + field));
        }
        assertThat(problems).as("event catalogue in " + GUIDE.toAbsolutePath().normalize()).isEmpty();
    }
}
