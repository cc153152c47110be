import { useEffect, useMemo, useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { api, post } from '../api/client';
import type { AgentSummary, InboxItem } from '../api/types';
import { canAct, useSession } from '../auth/useSession';
import { ContactPanel } from '../contact/ContactPanel';
import { contactLabel } from '../inbox/ConversationRow';
import { ProblemBox } from '../ui/Problem';
import { relative } from '../ui/time';
import { ReplyBox } from './ReplyBox';
import { Timeline } from './Timeline';
import { useTimeline } from './useTimeline';

export function useAgentNames(): { names: Record<string, string>; agents: AgentSummary[] } {
  const agents = useQuery({ queryKey: ['agents'], queryFn: () => api<AgentSummary[]>('/api/agents'), staleTime: 60_000 });
  return useMemo(() => {
    const names: Record<string, string> = {};
    (agents.data ?? []).forEach((a) => (names[a.id] = a.name ?? a.email ?? a.id));
    return { names, agents: agents.data ?? [] };
  }, [agents.data]);
}

export function ConversationView({ conversationId, fromList }: { conversationId: string; fromList?: InboxItem }) {
  const s = useSession()!;
  const client = useQueryClient();
  const [params] = useSearchParams();
  // read your own writes: the next timeline read waits until the message or note just added is in it
  const waitFor = useRef<string>();
  const [showContact, setShowContact] = useState(false);
  const { names, agents } = useAgentNames();

  const conversation = useQuery({
    queryKey: ['conversation', conversationId],
    queryFn: () => api<{ conversation: InboxItem }>(`/api/conversations/${conversationId}/history`).then((h) => h.conversation),
    initialData: fromList,
    initialDataUpdatedAt: 0,
  });
  const item = fromList && conversation.dataUpdatedAt === 0 ? fromList : conversation.data ?? fromList;
  const messages = useTimeline(conversationId, () => waitFor.current);

  // Opening a conversation marks the customer's messages as read (blue ticks on their phone).
  const unread = item?.unreadCount ?? 0;
  const markedFor = useRef<string>();
  useEffect(() => {
    if (!canAct(s.role) || markedFor.current === conversationId || !item) return;
    markedFor.current = conversationId;
    if (unread > 0 || item.status !== 'resolved') {
      post(`/api/conversations/${conversationId}/read`)
        .then(() => client.invalidateQueries({ queryKey: ['conversations'] }))
        .catch(() => undefined);
    }
  }, [conversationId, item, unread, s.role, client]);
  // Messages arriving while it is open are read too.
  useEffect(() => {
    if (canAct(s.role) && markedFor.current === conversationId && unread > 0) {
      post(`/api/conversations/${conversationId}/read`).catch(() => undefined);
    }
  }, [unread, conversationId, s.role]);

  const bottom = useRef<HTMLDivElement>(null);
  useEffect(() => {
    bottom.current?.scrollIntoView({ block: 'end' });
  }, [messages.messages?.length]);

  const action = useMutation({
    mutationFn: ({ path, body }: { path: string; body?: unknown }) => post(`/api/conversations/${conversationId}/${path}`, body),
    onSettled: () => {
      client.invalidateQueries({ queryKey: ['conversation', conversationId] });
      client.invalidateQueries({ queryKey: ['conversations'] });
      client.invalidateQueries({ queryKey: ['messages', conversationId] });
    },
  });

  if (!item) return conversation.isError ? <ProblemBox error={conversation.error} /> : <div className="loading">Loading…</div>;
  const { name, handle } = contactLabel(item);
  const acts = canAct(s.role);
  const assigneeName = item.assignee ? names[item.assignee] ?? 'an agent' : null;

  return (
    <div className="conversation">
      <header className="conv-header">
        <Link to={`/inbox?${params}`} className="back" aria-label="Back to the list">
          ←
        </Link>
        <div className="who">
          <button type="button" className="link name" onClick={() => setShowContact((v) => !v)} title="Contact details">
            {name}
          </button>
          <span className="muted"> {handle}</span>
          <div className="small">
            <span className={`status s-${item.status}`} data-testid="conversation-status">
              {item.status}
            </span>
            {assigneeName && <span> · {item.assignee === s.userId ? 'assigned to you' : `assigned to ${assigneeName}`}</span>}
            {item.windowOpen ? (
              <span className="muted"> · window closes {relative(item.windowClosesAt)}</span>
            ) : (
              <span className="window closed"> · window closed</span>
            )}
            {item.snoozedUntil && <span className="muted"> · snoozed until {new Date(item.snoozedUntil).toLocaleString()}</span>}
          </div>
        </div>
        {acts && (
          <div className="actions">
            {item.assignee !== s.userId && <button onClick={() => action.mutate({ path: 'assign' })}>Assign to me</button>}
            <select
              aria-label="Assign to"
              value=""
              onChange={(e) => e.target.value && action.mutate({ path: 'assign', body: { agentId: e.target.value } })}
            >
              <option value="">Assign to…</option>
              {agents.filter((a) => a.enabled !== false).map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name ?? a.email} {a.status ? `(${a.status})` : ''}
                </option>
              ))}
            </select>
            {item.assignee && <button onClick={() => action.mutate({ path: 'unassign' })}>Unassign</button>}
            {item.status === 'resolved' ? (
              <button onClick={() => action.mutate({ path: 'reopen' })}>Reopen</button>
            ) : (
              <button className="primary" onClick={() => action.mutate({ path: 'resolve' })}>
                Resolve
              </button>
            )}
            <select
              aria-label="Snooze"
              value=""
              onChange={(e) => {
                const hours = Number(e.target.value);
                if (hours) action.mutate({ path: 'snooze', body: { until: new Date(Date.now() + hours * 3600_000).toISOString() } });
                else if (e.target.value === 'reply') action.mutate({ path: 'snooze' });
              }}
            >
              <option value="">Snooze…</option>
              <option value="1">1 hour</option>
              <option value="4">4 hours</option>
              <option value="24">1 day</option>
              <option value="reply">until they reply</option>
            </select>
            <button onClick={() => action.mutate({ path: 'handback-to-bot' })}>Hand back to bot</button>
          </div>
        )}
      </header>
      <ProblemBox error={action.error} />
      <div className="conv-body">
        <div className="timeline-scroller">
          {messages.isLoading && <div className="loading">Loading messages…</div>}
          <ProblemBox error={messages.error} />
          {messages.messages && <Timeline messages={messages.messages} agentNames={names} />}
          <div ref={bottom} />
        </div>
        {showContact && item.contact?.id && <ContactPanel contactId={item.contact.id} onClose={() => setShowContact(false)} />}
      </div>
      <ReplyBox
        conversationId={conversationId}
        windowOpen={item.windowOpen}
        canSend={acts}
        onSent={(id) => {
          waitFor.current = id;
          client.invalidateQueries({ queryKey: ['messages', conversationId] });
          client.invalidateQueries({ queryKey: ['conversations'] });
        }}
        onNote={async (text) => {
          const note = await post<{ id: string }>(`/api/conversations/${conversationId}/notes`, { text });
          waitFor.current = note.id;
          client.invalidateQueries({ queryKey: ['messages', conversationId] });
        }}
      />
    </div>
  );
}
