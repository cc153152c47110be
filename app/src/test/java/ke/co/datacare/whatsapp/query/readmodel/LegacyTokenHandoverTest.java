package ke.co.datacare.whatsapp.query.readmodel;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class LegacyTokenHandoverTest {

    private static final Class<?> TIMELINE = Named.TimelineProjection.class;
    private static final Class<?> ANALYTICS = Named.AnalyticsProjection.class;
    private static final Class<?> CAMPAIGNS = Named.CampaignProjection.class;

    private final Serializer serializer = JacksonSerializer.defaultSerializer();
    private JdbcTemplate jdbc;

    @BeforeEach
    void tokenTable() {
        jdbc = new JdbcTemplate(new SimpleDriverDataSource(new org.h2.Driver(), "jdbc:h2:mem:handover-"
                + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", ""));
        jdbc.execute("create table token_entry (processor_name varchar(255) not null, segment integer not null, "
                + "token varbinary(10000), token_type varchar(255), time_stamp varchar(255), owner varchar(255), "
                + "primary key (processor_name, segment))");
    }

    @Test
    void without_former_groups_the_read_models_start_from_the_first_event_and_skip_nothing() {
        LegacyTokenHandover handover = handover();

        assertThat(handover.initialToken()).isEmpty();
        assertThat(handover.alreadyApplied(TIMELINE, event(1, "c-1"))).isFalse();
    }

    @Test
    void the_read_models_start_at_the_lowest_former_position_and_each_skips_what_its_former_group_applied() {
        String even = aggregateInSegment(0);
        String odd = aggregateInSegment(1);
        store("inbox", 0, token(10));
        store("inbox", 1, token(14));
        store("analytics", 0, token(12));
        store("campaigns", 0, GapAwareTrackingToken.newInstance(6, Set.of(4L)));
        LegacyTokenHandover handover = handover();

        assertThat(handover.initialToken()).hasValueSatisfying(initial -> assertThat(initial.position()).hasValue(6));
        assertThat(handover.alreadyApplied(TIMELINE, event(8, even))).isTrue();
        assertThat(handover.alreadyApplied(ANALYTICS, event(8, even))).isTrue();
        assertThat(handover.alreadyApplied(CAMPAIGNS, event(8, even))).isFalse();
        assertThat(handover.alreadyApplied(CAMPAIGNS, event(4, even))).as("a gap of the campaigns' token").isFalse();
        assertThat(handover.alreadyApplied(CAMPAIGNS, event(5, even))).as("after the gap, up to the index").isTrue();
        assertThat(handover.alreadyApplied(TIMELINE, event(12, even))).as("inbox segment 0 was at 10").isFalse();
        assertThat(handover.alreadyApplied(TIMELINE, event(12, odd))).as("inbox segment 1 was at 14").isTrue();
        assertThat(handover.alreadyApplied(ANALYTICS, event(12, odd))).isTrue();
        assertThat(handover.alreadyApplied(ANALYTICS, event(13, odd))).isFalse();
        assertThat(handover.alreadyApplied(TIMELINE, event(15, odd))).isFalse();
        assertThat(handover.alreadyApplied(Named.NewProjection.class, event(8, even)))
                .as("a projection that had no former group").isFalse();
    }

    @Test
    void replayed_events_are_never_skipped() {
        store("inbox", 0, token(10));
        LegacyTokenHandover handover = handover();

        TrackedEventMessage<?> replayed = new GenericTrackedDomainEventMessage<>(
                new ReplayToken(token(100), token(5)), domainEvent("c-1"));

        assertThat(handover.alreadyApplied(TIMELINE, replayed)).isFalse();
    }

    @Test
    void a_former_group_in_the_middle_of_a_replay_had_applied_up_to_its_replay_position() {
        store("analytics", 0, new ReplayToken(token(50), token(20)));
        LegacyTokenHandover handover = handover();

        assertThat(handover.initialToken()).hasValueSatisfying(initial -> assertThat(initial.position()).hasValue(20));
        assertThat(handover.alreadyApplied(ANALYTICS, event(20, "c-1"))).isTrue();
        assertThat(handover.alreadyApplied(ANALYTICS, event(21, "c-1"))).isFalse();
    }

    @Test
    void a_former_group_without_a_token_makes_the_read_models_start_from_the_first_event() {
        store("inbox", 0, token(10));
        jdbc.update("insert into token_entry (processor_name, segment) values ('campaigns', 0)");

        assertThat(handover().initialToken()).isEmpty();
    }

    @Test
    void once_the_read_models_are_past_every_former_position_the_former_tokens_are_deleted() {
        store("inbox", 0, token(10));
        store(ReadModels.GROUP, 0, token(11));
        LegacyTokenHandover handover = handover();

        assertThat(handover.alreadyApplied(TIMELINE, event(5, "c-1"))).isFalse();
        assertThat(jdbc.queryForObject("select count(*) from token_entry", Integer.class)).isEqualTo(1);
    }

    @Test
    void finishing_deletes_the_former_tokens_and_skips_nothing_more() {
        store("inbox", 0, token(10));
        LegacyTokenHandover handover = handover();
        assertThat(handover.alreadyApplied(TIMELINE, event(5, "c-1"))).isTrue();

        handover.finish();

        assertThat(handover.alreadyApplied(TIMELINE, event(5, "c-1"))).isFalse();
        assertThat(jdbc.queryForObject("select count(*) from token_entry", Integer.class)).isZero();
    }

    private LegacyTokenHandover handover() {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("serializer", serializer);
        return new LegacyTokenHandover(jdbc, beans.getBeanProvider(Serializer.class));
    }

    private void store(String group, int segment, TrackingToken token) {
        SerializedObject<byte[]> serialized = serializer.serialize(token, byte[].class);
        jdbc.update("insert into token_entry (processor_name, segment, token, token_type) values (?, ?, ?, ?)", group,
                segment, serialized.getData(), serialized.getType().getName());
    }

    private static TrackingToken token(long position) {
        return GapAwareTrackingToken.newInstance(position, Set.of());
    }

    private static TrackedEventMessage<?> event(long position, String aggregate) {
        return new GenericTrackedDomainEventMessage<>(token(position), domainEvent(aggregate));
    }

    private static GenericDomainEventMessage<String> domainEvent(String aggregate) {
        return new GenericDomainEventMessage<>("Conversation", aggregate, 0, "payload");
    }

    /** An aggregate id that the default sequencing policy puts into {@code segment} of two. */
    private static String aggregateInSegment(int segment) {
        Segment wanted = Segment.computeSegment(segment, 0, 1);
        return IntStream.range(0, 100).mapToObj(i -> "c-" + i).filter(id -> wanted.matches(id.hashCode()))
                .findFirst().orElseThrow();
    }

    /** Stand-ins named like the projections of the former groups (the handover knows them by simple name). */
    static final class Named {
        static final class TimelineProjection {
        }

        static final class AnalyticsProjection {
        }

        static final class CampaignProjection {
        }

        static final class NewProjection {
        }
    }
}
