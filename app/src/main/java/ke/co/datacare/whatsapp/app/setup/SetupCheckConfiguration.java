package ke.co.datacare.whatsapp.app.setup;

import ke.co.datacare.whatsapp.command.graph.BusinessNumbers;
import ke.co.datacare.whatsapp.command.graph.GraphApiProperties;
import ke.co.datacare.whatsapp.command.outbound.TemplateCatalog;
import ke.co.datacare.whatsapp.command.webhook.WebhookProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.client.RestClient;

@Configuration(proxyBeanMethods = false)
class SetupCheckConfiguration {

    /** The self-test calls the port this instance really listens on ({@code local.server.port}, known once it runs). */
    @Bean
    SetupCheck setupCheck(GraphApiProperties graph, BusinessNumbers numbers, WebhookProperties webhook,
                          TemplateCatalog templates, RestClient.Builder rest, Environment environment) {
        boolean sandbox = environment.getProperty("datacare.whatsapp.sandbox.enabled", Boolean.class, false);
        return new SetupCheck(graph, numbers, webhook, new MetaAccountProbe(graph, rest), templates,
                () -> environment.getProperty("local.server.port", Integer.class,
                        environment.getProperty("server.port", Integer.class, 3000)), sandbox);
    }
}
