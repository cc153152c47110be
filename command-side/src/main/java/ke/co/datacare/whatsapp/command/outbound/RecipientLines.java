package ke.co.datacare.whatsapp.command.outbound;

import ke.co.datacare.whatsapp.command.graph.TrafficClass;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The sender's first step: the loaded sends lined up per recipient, in the order they were handed over. A recipient's
 * messages go one after the other, each once Meta answered the one before; the first of each line is ready to go, in
 * the ready line of its traffic class (conversations, campaigns). Used by the pacing thread only.
 */
final class RecipientLines {

    private final SenderWaits waits;
    private final Map<String, Deque<OutboundSender.Send>> lines = new HashMap<>();
    private final Deque<OutboundSender.Send> conversationsReady = new ArrayDeque<>();
    private final Deque<OutboundSender.Send> campaignsReady = new ArrayDeque<>();

    RecipientLines(SenderWaits waits) {
        this.waits = waits;
    }

    /** The sends join their recipients' lines; the first of a line becomes ready. */
    void lineUp(Collection<OutboundSender.Send> sends) {
        for (OutboundSender.Send send : sends) {
            Deque<OutboundSender.Send> line = lines.computeIfAbsent(send.recipientKey(), key -> new ArrayDeque<>());
            line.addLast(send);
            if (line.size() == 1) {
                becomesReady(send);
            }
        }
    }

    /** The recipient's next message, if any, becomes ready: the line moves on once Meta answered. */
    void next(OutboundSender.Send done) {
        Deque<OutboundSender.Send> line = lines.get(done.recipientKey());
        if (line == null) {
            return;
        }
        line.pollFirst();
        if (line.isEmpty()) {
            lines.remove(done.recipientKey());
        } else {
            becomesReady(line.peekFirst());
        }
    }

    /** The ready sends of a traffic class, first of their lines, in the order they became ready. */
    Deque<OutboundSender.Send> ready(TrafficClass traffic) {
        return traffic == TrafficClass.CAMPAIGN ? campaignsReady : conversationsReady;
    }

    /** A ready send that was put aside (its pair limit, a failed claim) goes first again. */
    void readyAgain(OutboundSender.Send send) {
        ready(send.traffic()).addFirst(send);
    }

    private void becomesReady(OutboundSender.Send send) {
        waits.ready(send);
        ready(send.traffic()).addLast(send);
    }
}
