package ke.co.datacare.whatsapp.command.batch;

import ke.co.datacare.whatsapp.command.config.AggregateLocks;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CommandBatchConfiguration {

    @Bean
    CommandBatch commandBatch(TransactionManager transactionManager, AggregateLocks locks) {
        return new CommandBatch(transactionManager, locks);
    }
}
