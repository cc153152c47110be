import type { InboxItem } from '../api/types';
import { lateBy, relative, shortTime } from '../ui/time';

export function contactLabel(item: Pick<InboxItem, 'contact'>): { name: string; handle: string } {
  const c = item.contact ?? { id: '' };
  const handle = c.phoneNumber ? `+${c.phoneNumber.replace(/^\+/, '')}` : c.userId ? `@${c.userId}` : '';
  return { name: c.name || handle || 'Unknown contact', handle };
}

const WINDOW_WARNING_MS = 2 * 60 * 60 * 1000;

export function ConversationRow({ item, selected, onOpen, assigneeName, now = Date.now() }: {
  item: InboxItem;
  selected: boolean;
  onOpen: () => void;
  assigneeName?: string;
  now?: number;
}) {
  const { name, handle } = contactLabel(item);
  const closesIn = item.windowClosesAt ? new Date(item.windowClosesAt).getTime() - now : null;
  const closing = item.windowOpen && closesIn !== null && closesIn < WINDOW_WARNING_MS;
  const slaOverdue = item.slaDueAt ? new Date(item.slaDueAt).getTime() < now : false;
  return (
    <button
      type="button"
      className={`conv-row ${selected ? 'selected' : ''} ${item.unreadCount > 0 ? 'unread' : ''}`}
      onClick={onOpen}
      aria-current={selected ? 'true' : undefined}
      data-conversation-id={item.id}
    >
      <div className="line1">
        <span className="name">{name}</span>
        {handle && handle !== name && <span className="handle">{handle}</span>}
        <span className="time">{shortTime(item.lastMessage?.timestamp ?? item.lastActivityAt, now)}</span>
      </div>
      <div className="line2">
        <span className="last">{item.lastMessage?.content ?? (item.lastMessage?.type ? `[${item.lastMessage.type}]` : '')}</span>
        {item.unreadCount > 0 && (
          <span className="badge" aria-label={`${item.unreadCount} unread`} data-testid="unread">
            {item.unreadCount}
          </span>
        )}
      </div>
      <div className="line3">
        <span className={`status s-${item.status}`}>{item.status}</span>
        {item.assignee ? <span className="assignee">{assigneeName ?? 'assigned'}</span> : <span className="assignee none">unassigned</span>}
        {item.slaDueAt && item.status !== 'resolved' && (
          <span className={`sla ${slaOverdue ? 'overdue' : ''}`} title={`First response due ${item.slaDueAt}`}>
            SLA {relative(item.slaDueAt, now)}
          </span>
        )}
        {!item.windowOpen && <span className="window closed">window closed</span>}
        {closing && <span className="window closing">window closes {relative(item.windowClosesAt, now)}</span>}
        {item.arrivedLateBySeconds != null && (
          <span className="late" title="Meta delivered the customer's latest message late, after an outage">
            arrived {lateBy(item.arrivedLateBySeconds)} late
          </span>
        )}
      </div>
    </button>
  );
}
