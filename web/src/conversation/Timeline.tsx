import type { ReactNode } from 'react';
import type { TimelineMessage } from '../api/types';
import { fullTime, lateBy, shortTime } from '../ui/time';
import { MediaView } from './MediaView';
import { formatWhatsApp } from './whatsappText';

const MEDIA = new Set(['image', 'video', 'audio', 'document', 'sticker']);
// Rows that change another message rather than being one: shown on the message they name.
const MODIFIERS = new Set(['reaction', 'edit', 'revoke']);

function detailOf(m: TimelineMessage): Record<string, unknown> {
  if (!m.detail) return {};
  try {
    return JSON.parse(m.detail) as Record<string, unknown>;
  } catch {
    return {};
  }
}

export function senderLabel(sender: string | null | undefined, agentNames: Record<string, string>): string {
  if (!sender) return '';
  if (sender === 'bot' || sender.startsWith('bot')) return 'Bot';
  if (sender.startsWith('campaign:')) return `Campaign ${sender.slice(9)}`;
  if (sender === 'business-app') return 'Business app';
  if (sender.startsWith('agent:')) return agentNames[sender.slice(6)] ?? 'Agent';
  return agentNames[sender] ?? sender;
}

export function Ticks({ m }: { m: TimelineMessage }) {
  const status = (m.delivery?.status ?? '').toLowerCase();
  const sendState = (m.send?.state ?? '').toLowerCase();
  if (status === 'failed' || sendState === 'failed') {
    const reason = [m.delivery?.errorCode ?? m.send?.errorCode, m.delivery?.errorTitle ?? m.send?.errorTitle, m.delivery?.errorDetails]
      .filter(Boolean)
      .join(' · ');
    return (
      <span className="ticks failed" data-status="failed" title={reason}>
        ⚠ failed{reason ? `: ${reason}` : ''}
      </span>
    );
  }
  if (status === 'read' || status === 'played')
    return <span className="ticks read" data-status="read" title="Read">✓✓</span>;
  if (status === 'delivered') return <span className="ticks" data-status="delivered" title="Delivered">✓✓</span>;
  if (status === 'sent') return <span className="ticks" data-status="sent" title="Sent">✓</span>;
  return <span className="ticks pending" data-status="pending" title={sendState || 'Sending'}>🕓</span>;
}

function Body({ m, detail }: { m: TimelineMessage; detail: Record<string, unknown> }): ReactNode {
  if (m.revoked) return <em className="muted">This message was deleted</em>;
  const text = m.editedText ?? m.text ?? '';
  if (MEDIA.has(m.type)) {
    return (
      <>
        {m.media?.id ? <MediaView media={m.media} type={m.type} /> : <div className="media-missing">[{m.type}]</div>}
        {m.media?.caption && <div className="caption">{formatWhatsApp(m.media.caption)}</div>}
        {!m.media?.caption && m.text && <div className="caption">{formatWhatsApp(m.text)}</div>}
      </>
    );
  }
  switch (m.type) {
    case 'text':
    case 'note':
      return <div className="text">{formatWhatsApp(text)}</div>;
    case 'location': {
      const lat = detail.latitude as number | undefined;
      const lon = detail.longitude as number | undefined;
      return (
        <div className="location">
          📍 {String(detail.name ?? '') || 'Location'}
          {detail.address ? <div className="muted">{String(detail.address)}</div> : null}
          {lat !== undefined && lon !== undefined && (
            <a href={`https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=16/${lat}/${lon}`} target="_blank" rel="noreferrer">
              {lat.toFixed(5)}, {lon.toFixed(5)}
            </a>
          )}
        </div>
      );
    }
    case 'contacts': {
      const cards = (detail.cards as Record<string, unknown>[] | undefined) ?? [];
      return (
        <div className="contacts-card">
          👤 Shared contact{cards.length === 1 ? '' : 's'}
          <ul>
            {cards.map((c, i) => {
              const name = (c.name as Record<string, string> | undefined)?.formatted_name ?? (c.formattedName as string) ?? c.name;
              const phones = ((c.phones as Record<string, string>[] | undefined) ?? []).map((p) => p.phone ?? p.wa_id).join(', ');
              return (
                <li key={i}>
                  {typeof name === 'string' ? name : JSON.stringify(name)} {phones && <span className="muted">{phones}</span>}
                </li>
              );
            })}
          </ul>
        </div>
      );
    }
    case 'interactive':
    case 'button':
    case 'nfm_reply':
      return (
        <div className="interactive-reply">
          <span className="pill">{m.type === 'button' ? 'button' : String(detail.replyType ?? 'reply')}</span> {text}
          {detail.description ? <div className="muted">{String(detail.description)}</div> : null}
        </div>
      );
    case 'template':
      return (
        <div className="template">
          <span className="pill">template</span> {text}
        </div>
      );
    case 'order':
      return (
        <div className="order">
          🛒 Order {text}
        </div>
      );
    case 'reaction':
      return <div className="text">reacted {m.reaction?.emoji ?? text}</div>;
    case 'unsupported':
      return <em className="muted">Unsupported message{text ? `: ${text}` : ''} (WhatsApp did not pass it on)</em>;
    default:
      return (
        <em className="muted" data-testid="unknown-type">
          Message of type “{m.type}”{text ? `: ${text}` : ''}
        </em>
      );
  }
}

/** The conversation as the customer and the team see it: messages, notes and notices in order. */
export function Timeline({ messages, agentNames = {} }: { messages: TimelineMessage[]; agentNames?: Record<string, string> }) {
  const byWamid = new Map(messages.filter((m) => m.wamid).map((m) => [m.wamid!, m]));
  const reactions = new Map<string, string[]>();
  messages
    .filter((m) => m.type === 'reaction' && m.reaction?.messageId && byWamid.has(m.reaction.messageId))
    .forEach((m) => {
      const list = reactions.get(m.reaction!.messageId!) ?? [];
      if (m.reaction?.emoji) list.push(m.reaction.emoji);
      reactions.set(m.reaction!.messageId!, list);
    });
  const shown = messages.filter(
    (m) => !(MODIFIERS.has(m.type) && ((m.type === 'reaction' && m.reaction?.messageId && byWamid.has(m.reaction.messageId)) || m.type !== 'reaction')),
  );

  return (
    <ol className="timeline" aria-label="Timeline">
      {shown.map((m) => {
        if (m.type === 'system') {
          return (
            <li key={m.id} className="notice" data-type="system">
              {m.text} <span className="muted">{shortTime(m.timestamp)}</span>
            </li>
          );
        }
        const detail = detailOf(m);
        const quoted = m.replyToWamid ? byWamid.get(m.replyToWamid) : undefined;
        const emojis = [...(reactions.get(m.wamid ?? '') ?? []), ...(m.customerReaction ? [m.customerReaction] : [])];
        return (
          <li key={m.id} className={`msg ${m.direction}`} data-type={m.type} data-message-id={m.id}>
            {m.direction === 'note' && <div className="note-label">Private note · {senderLabel(m.sender, agentNames)}</div>}
            {m.forwarded && <div className="muted small">↪ Forwarded</div>}
            {m.replyToWamid && (
              <blockquote className="quote" data-testid="quote">
                {quoted ? (quoted.editedText ?? quoted.text ?? `[${quoted.type}]`) : 'a message not in this timeline'}
              </blockquote>
            )}
            <Body m={m} detail={detail} />
            {emojis.length > 0 && (
              <span className="reactions" data-testid="reactions">
                {emojis.join(' ')}
              </span>
            )}
            <div className="meta">
              {m.editedText && !m.revoked && <span className="muted">edited · </span>}
              {m.direction === 'outbound' && <span className="sender">{senderLabel(m.sender, agentNames)} · </span>}
              <time dateTime={m.timestamp} title={fullTime(m.timestamp)}>
                {shortTime(m.timestamp)}
              </time>
              {m.direction === 'outbound' && <> <Ticks m={m} /></>}
              {m.arrivedLate && (
                <span className="late" data-testid="arrived-late" title={`Received ${fullTime(m.arrivedLate.receivedAt)}`}>
                  {' '}· arrived {lateBy(m.arrivedLate.bySeconds)} late
                </span>
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
