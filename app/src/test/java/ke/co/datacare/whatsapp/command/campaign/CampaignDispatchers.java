package ke.co.datacare.whatsapp.command.campaign;

import com.fasterxml.jackson.databind.ObjectMapper;
import ke.co.datacare.whatsapp.command.batch.CommandBatch;
import ke.co.datacare.whatsapp.command.graph.BusinessNumbers;
import ke.co.datacare.whatsapp.command.number.MessagingLimits;
import ke.co.datacare.whatsapp.command.outbound.OutboundAttempts;
import ke.co.datacare.whatsapp.command.outbound.SendPreparation;
import ke.co.datacare.whatsapp.command.outbound.TemplateCatalog;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.Set;
import java.util.TreeSet;

/** For tests: a second campaign dispatcher on the same database, as another instance would run it, and who owns what. */
public final class CampaignDispatchers {

    private CampaignDispatchers() {
    }

    /** A dispatcher wired like the service's own (not started). */
    public static SmartLifecycle another(ApplicationContext context) {
        return new CampaignConfiguration().campaignDispatcher(context.getBean(DataSource.class),
                context.getBean(JdbcTemplate.class), context.getBean(CommandBatch.class),
                context.getBean(CommandGateway.class), context.getBean(QueryGateway.class),
                context.getBean(SendPreparation.class),
                context.getBean(OutboundAttempts.class), context.getBean(TemplateCatalog.class),
                context.getBean(AudienceResolver.class), context.getBean(CampaignProperties.class),
                context.getBean(BusinessNumbers.class), context.getBean(ObjectMapper.class),
                context.getBean(MessagingLimits.class), context.getBean(Clock.class));
    }

    /** The partitions a dispatcher's workers own now. */
    public static Set<Integer> held(SmartLifecycle dispatcher) {
        Set<Integer> held = new TreeSet<>();
        ((CampaignDispatcher) dispatcher).heldPartitions().values().forEach(held::addAll);
        return held;
    }
}
