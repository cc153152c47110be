import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { api, apiPage, patch, query } from '../api/client';
import type { ContactSummary, InboxItem } from '../api/types';
import { canAct, useSession } from '../auth/useSession';
import { FieldError, ProblemBox } from '../ui/Problem';
import { shortTime } from '../ui/time';

/** The contact beside the conversation: profile, identities, tags, attributes, opt-out, past conversations. */
export function ContactPanel({ contactId, onClose }: { contactId: string; onClose: () => void }) {
  const s = useSession()!;
  const client = useQueryClient();
  const contact = useQuery({ queryKey: ['contact', contactId], queryFn: () => api<ContactSummary>(`/api/contacts/${contactId}`) });
  const handle = contact.data?.phoneNumber ?? contact.data?.userId;
  const past = useQuery({
    queryKey: ['conversations', 'of-contact', handle],
    queryFn: () => apiPage<InboxItem>(`/api/conversations${query({ q: handle, size: 20 })}`),
    enabled: !!handle,
    select: (page) => page.items.filter((i) => i.contact?.id === contactId),
  });
  const [tag, setTag] = useState('');
  const [attrKey, setAttrKey] = useState('');
  const [attrValue, setAttrValue] = useState('');
  const update = useMutation({
    mutationFn: (body: unknown) => patch(`/api/contacts/${contactId}`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['contact', contactId] }),
  });
  const c = contact.data;
  const acts = canAct(s.role);

  return (
    <aside className="contact-panel" aria-label="Contact">
      <button className="link close" onClick={onClose} aria-label="Close contact">
        ✕
      </button>
      <ProblemBox error={contact.error} />
      {c && (
        <>
          <h2>{c.name ?? c.profileName ?? c.phoneNumber ?? c.userId}</h2>
          <dl>
            {c.profileName && (
              <>
                <dt>WhatsApp name</dt>
                <dd>{c.profileName}</dd>
              </>
            )}
            {c.phoneNumber && (
              <>
                <dt>Phone</dt>
                <dd>+{c.phoneNumber.replace(/^\+/, '')}</dd>
              </>
            )}
            {c.userId && (
              <>
                <dt>User id</dt>
                <dd>{c.userId}</dd>
              </>
            )}
            <dt>Since</dt>
            <dd>{c.createdAt ? new Date(c.createdAt).toLocaleDateString() : '—'}</dd>
            <dt>Marketing</dt>
            <dd>
              {c.optedOut ? <span className="badge-warn">opted out</span> : 'subscribed'}
              {acts && !c.optedOut && (
                <button className="link" onClick={() => update.mutate({ optedOut: true })}>
                  opt out
                </button>
              )}
              {c.optedOut && s.role === 'ADMIN' && (
                <button
                  className="link"
                  onClick={() => {
                    const reason = window.prompt('Why may this contact get marketing messages again? (recorded)');
                    if (reason) update.mutate({ optedOut: false, reason });
                  }}
                >
                  opt in
                </button>
              )}
            </dd>
          </dl>
          <h3>Tags</h3>
          <div className="tags">
            {c.tags.map((t) => (
              <span key={t} className="tag">
                {t}
                {acts && (
                  <button className="link" aria-label={`Remove tag ${t}`} onClick={() => update.mutate({ tags: { remove: [t] } })}>
                    ×
                  </button>
                )}
              </span>
            ))}
          </div>
          {acts && (
            <form
              className="inline"
              onSubmit={(e) => {
                e.preventDefault();
                if (tag.trim()) update.mutate({ tags: { add: [tag.trim()] } }, { onSuccess: () => setTag('') });
              }}
            >
              <input placeholder="add tag" value={tag} onChange={(e) => setTag(e.target.value)} aria-label="New tag" />
              <FieldError error={update.error} field="tags.add" />
            </form>
          )}
          <h3>Attributes</h3>
          <dl>
            {Object.entries(c.attributes ?? {}).map(([k, v]) => (
              <div key={k} className="attr">
                <dt>{k}</dt>
                <dd>
                  {String(v)}
                  {acts && (
                    <button className="link" aria-label={`Remove ${k}`} onClick={() => update.mutate({ attributes: { remove: [k] } })}>
                      ×
                    </button>
                  )}
                </dd>
              </div>
            ))}
          </dl>
          {acts && (
            <form
              className="inline"
              onSubmit={(e) => {
                e.preventDefault();
                if (attrKey.trim())
                  update.mutate({ attributes: { set: { [attrKey.trim()]: attrValue } } }, { onSuccess: () => (setAttrKey(''), setAttrValue('')) });
              }}
            >
              <input placeholder="attribute" value={attrKey} onChange={(e) => setAttrKey(e.target.value)} aria-label="Attribute name" />
              <input placeholder="value" value={attrValue} onChange={(e) => setAttrValue(e.target.value)} aria-label="Attribute value" />
              <button type="submit">Set</button>
            </form>
          )}
          <ProblemBox error={update.error} />
          <h3>Conversations</h3>
          <ul className="past">
            {(past.data ?? []).map((p) => (
              <li key={p.id}>
                <Link to={`/inbox/${p.id}`}>
                  {shortTime(p.lastActivityAt)} · {p.status} · {p.lastMessage?.content ?? ''}
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </aside>
  );
}
