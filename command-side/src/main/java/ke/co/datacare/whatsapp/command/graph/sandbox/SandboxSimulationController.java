package ke.co.datacare.whatsapp.command.graph.sandbox;

import ke.co.datacare.whatsapp.api.common.DomainException;
import ke.co.datacare.whatsapp.api.common.ErrorCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Plays Meta's other parts in the sandbox ({@link SandboxSimulations}): 202 with the webhook's message id once this
 * service acknowledged the webhook, 502 problem+json if it did not. Only on this machine, like the rest of the sandbox.
 */
@RestController
@ConditionalOnSandbox
@RequestMapping(path = "/sandbox/simulate", produces = MediaType.APPLICATION_JSON_VALUE)
class SandboxSimulationController {

    private final SandboxSimulations simulations;

    SandboxSimulationController(SandboxSimulations simulations) {
        this.simulations = simulations;
    }

    /** A customer writes a text to the business number. */
    @PostMapping("/customer-messages")
    ResponseEntity<SandboxSimulations.Posted> customerWrites(@RequestBody SandboxSimulations.CustomerMessage request) {
        return answer(simulations.customerWrites(request));
    }

    /** Staff type a text to a customer on the WhatsApp Business app (an {@code smb_message_echoes} webhook). */
    @PostMapping("/business-app-messages")
    ResponseEntity<SandboxSimulations.Posted> businessAppSends(
            @RequestBody SandboxSimulations.BusinessAppMessage request) {
        return answer(simulations.businessAppSends(request));
    }

    /** Meta reviews a template again: APPROVED, PAUSED, DISABLED, REJECTED or REINSTATED. */
    @PostMapping("/template-reviews")
    ResponseEntity<SandboxSimulations.Posted> templateReviewed(@RequestBody SandboxSimulations.TemplateReview request) {
        return answer(simulations.templateReviewed(request));
    }

    /** The number is flagged or unflagged, or the portfolio's messaging limit goes up or down. */
    @PostMapping("/number-quality")
    ResponseEntity<SandboxSimulations.Posted> numberQualityChanged(
            @RequestBody SandboxSimulations.NumberQuality request) {
        return answer(simulations.numberQualityChanged(request));
    }

    private static ResponseEntity<SandboxSimulations.Posted> answer(SandboxSimulations.Posted posted) {
        if (!posted.acknowledged()) {
            throw new DomainException(ErrorCode.SIMULATED_WEBHOOK_REFUSED, "The webhook was posted but not acknowledged: "
                    + "see the service's log");
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(posted);
    }
}
