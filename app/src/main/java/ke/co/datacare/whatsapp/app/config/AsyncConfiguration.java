package ke.co.datacare.whatsapp.app.config;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableAsync;

/** Background start-up work (template sync) runs off the main thread. */
@Configuration(proxyBeanMethods = false)
@EnableAsync
class AsyncConfiguration {
}
