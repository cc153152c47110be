package ke.co.datacare.whatsapp.command.webhook;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * The webhook intake. {@code appSecret} is Meta's App Secret ({@code WHATSAPP_WEBHOOK_SECRET}),
 * {@code verifyToken} the token of the GET handshake ({@code WHATSAPP_WEBHOOK_VERIFY_TOKEN}); {@code readTimeout} is
 * how long a body may take to arrive in total (a client that trickles it is answered 408); {@code rowsPerUnitOfWork}
 * is how many inbox rows the dispatcher sends as commands in one transaction (their aggregates stay locked as long).
 */
@ConfigurationProperties("datacare.webhook")
public record WebhookProperties(String appSecret, String verifyToken, DataSize maxBodySize, Duration ackTimeout,
                                int writerThreads, int maxWriteBatch, int dispatchBatch, int maxAttempts,
                                Duration idlePoll, Double burstRate, Duration maxDeferral, int partitions,
                                int dispatchWorkers, Duration rebalanceInterval, Duration readTimeout,
                                int rowsPerUnitOfWork) {

    public WebhookProperties {
        appSecret = appSecret == null ? "" : appSecret;
        verifyToken = verifyToken == null ? "" : verifyToken;
        maxBodySize = maxBodySize == null ? DataSize.ofKilobytes(3584) : maxBodySize;
        ackTimeout = ackTimeout == null ? Duration.ofSeconds(5) : ackTimeout;
        writerThreads = writerThreads <= 0 ? 2 : writerThreads;
        maxWriteBatch = maxWriteBatch <= 0 ? 256 : maxWriteBatch;
        dispatchBatch = dispatchBatch <= 0 ? 200 : dispatchBatch;
        maxAttempts = maxAttempts <= 0 ? 10 : maxAttempts;
        idlePoll = idlePoll == null ? Duration.ofMillis(200) : idlePoll;
        burstRate = burstRate == null ? 200.0 : burstRate;
        maxDeferral = maxDeferral == null ? Duration.ofSeconds(30) : maxDeferral;
        partitions = partitions <= 0 ? 16 : partitions;
        dispatchWorkers = dispatchWorkers <= 0 ? 4 : dispatchWorkers;
        rebalanceInterval = rebalanceInterval == null ? Duration.ofSeconds(2) : rebalanceInterval;
        readTimeout = readTimeout == null ? Duration.ofSeconds(10) : readTimeout;
        rowsPerUnitOfWork = rowsPerUnitOfWork <= 0 ? 50 : rowsPerUnitOfWork;
    }

    @Override
    public String toString() {
        return "WebhookProperties[maxBodySize=" + maxBodySize + ", ackTimeout=" + ackTimeout
                + ", readTimeout=" + readTimeout + "]";
    }
}
