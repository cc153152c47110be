package ke.co.datacare.whatsapp.app.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The module rules of the code base, checked on the compiled classes of every module. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("ke.co.datacare.whatsapp");
    }

    @Test
    void the_api_depends_on_nothing_of_ours_and_on_no_spring_or_jpa() {
        ArchRule rule = noClasses().that().resideInAPackage("ke.co.datacare.whatsapp.api..")
                .should().dependOnClassesThat().resideInAnyPackage("ke.co.datacare.whatsapp.command..",
                        "ke.co.datacare.whatsapp.query..", "ke.co.datacare.whatsapp.chatbot..",
                        "ke.co.datacare.whatsapp.app..", "org.springframework..", "jakarta.persistence..",
                        "org.hibernate..");
        rule.check(classes);
    }

    @Test
    void the_query_side_and_the_bot_never_reach_into_the_command_side() {
        noClasses().that().resideInAnyPackage("ke.co.datacare.whatsapp.query..", "ke.co.datacare.whatsapp.chatbot..")
                .should().dependOnClassesThat().resideInAPackage("ke.co.datacare.whatsapp.command..")
                .check(classes);
    }

    @Test
    void the_modules_do_not_depend_on_the_app_that_wires_them() {
        noClasses().that().resideInAnyPackage("ke.co.datacare.whatsapp.command..", "ke.co.datacare.whatsapp.query..",
                        "ke.co.datacare.whatsapp.chatbot..")
                .should().dependOnClassesThat().resideInAPackage("ke.co.datacare.whatsapp.app..")
                .check(classes);
    }

    @Test
    void every_event_is_a_versioned_record_named_in_the_past_tense() {
        // an aggregate's revision versions its snapshots (a snapshot of another revision is not loaded), not an event
        classes().that().areAnnotatedWith(Revision.class)
                .and().areNotAnnotatedWith(org.axonframework.spring.stereotype.Aggregate.class)
                .should().beRecords()
                .andShould().resideInAPackage("ke.co.datacare.whatsapp.api..")
                .andShould().haveSimpleNameNotEndingWith("Event")
                .andShould().haveSimpleNameNotEndingWith("Command")
                .check(classes);
        classes().that().resideInAPackage("ke.co.datacare.whatsapp.api..").and().areRecords().and().areTopLevelClasses()
                .and().haveSimpleNameEndingWith("ed")
                .should().beAnnotatedWith(Revision.class)
                .because("a record of the api named in the past tense is an event, and events are versioned from day one")
                .check(classes);
    }

    @Test
    void aggregates_and_sagas_read_no_clock_and_draw_no_randomness() {
        noClasses().that().areAnnotatedWith(org.axonframework.spring.stereotype.Aggregate.class)
                .or().areAnnotatedWith(org.axonframework.spring.stereotype.Saga.class)
                .should().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(java.util.UUID.class, "randomUUID")
                .orShould().callMethod(java.time.LocalDateTime.class, "now")
                .check(classes);
    }
}
