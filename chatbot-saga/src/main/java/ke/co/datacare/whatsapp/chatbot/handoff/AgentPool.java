package ke.co.datacare.whatsapp.chatbot.handoff;

import java.util.List;
import ke.co.datacare.whatsapp.api.agent.AgentLoad;

/** The agents who may take a conversation now, with their load. */
public interface AgentPool {

    /** Never fails: when the answer cannot be had, nobody is available. */
    List<AgentLoad> available(String excludingAgentId);
}
