package ke.co.datacare.whatsapp.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The DataCare WhatsApp Platform service: wires the command side, the query side and the bot. */
@SpringBootApplication(scanBasePackages = "ke.co.datacare.whatsapp")
@ConfigurationPropertiesScan("ke.co.datacare.whatsapp.app")
public class WhatsAppPlatformApplication {

    public static void main(String[] args) {
        SpringApplication.run(WhatsAppPlatformApplication.class, args);
    }
}
