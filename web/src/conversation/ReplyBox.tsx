import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, post } from '../api/client';
import type { CannedResponse, TemplateView } from '../api/types';
import { FieldError, ProblemBox } from '../ui/Problem';

export interface SendBody {
  conversationId: string;
  type: string;
  text?: { body: string };
  media?: { id: string; caption?: string; filename?: string };
  template?: { name: string; language: string; components: { type: string; parameters: { type: string; text: string }[] }[] };
  clientMessageId?: string;
}

function mediaType(mime: string): string {
  if (mime.startsWith('image/')) return mime === 'image/webp' ? 'sticker' : 'image';
  if (mime.startsWith('video/')) return 'video';
  if (mime.startsWith('audio/')) return 'audio';
  return 'document';
}

/**
 * The reply box. Enter sends, Shift+Enter starts a new line; "/" at the start offers the canned responses.
 * When the customer's 24-hour window is closed, free text cannot go out: the box says so and offers the
 * approved templates with their parameters instead.
 */
export function ReplyBox({ conversationId, windowOpen, canSend, onSent, onNote }: {
  conversationId: string;
  windowOpen: boolean;
  canSend: boolean;
  onSent: (messageId: string) => void;
  onNote: (text: string) => Promise<void>;
}) {
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [noteMode, setNoteMode] = useState(false);
  const [pick, setPick] = useState(0);
  const file = useRef<HTMLInputElement>(null);
  const typingSent = useRef(0);

  // The customer sees "typing…" while the agent writes (Meta shows it up to 25 s): told at most every 20 s.
  function typing() {
    if (noteMode || !windowOpen || Date.now() - typingSent.current < 20_000) return;
    typingSent.current = Date.now();
    post(`/api/conversations/${conversationId}/typing`).catch(() => undefined);
  }

  const canned = useQuery({
    queryKey: ['canned-responses'],
    queryFn: () => api<CannedResponse[]>('/api/canned-responses'),
    enabled: canSend,
    staleTime: 60_000,
  });
  const slash = text.startsWith('/') && !text.includes('\n') ? text.slice(1).toLowerCase() : null;
  const suggestions = useMemo(
    () =>
      slash === null
        ? []
        : (canned.data ?? []).filter((c) => c.shortcut.toLowerCase().includes(slash) || c.text.toLowerCase().includes(slash)).slice(0, 8),
    [slash, canned.data],
  );

  async function send(body: SendBody) {
    setBusy(true);
    setError(null);
    try {
      const sent = await post<{ id: string }>('/api/messages/send', body);
      onSent(sent.id);
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function submit() {
    const body = text.trim();
    if (!body || busy) return;
    if (noteMode) {
      setBusy(true);
      try {
        await onNote(body);
        setText('');
        setError(null);
      } catch (e) {
        setError(e);
      } finally {
        setBusy(false);
      }
      return;
    }
    if (await send({ conversationId, type: 'text', text: { body }, clientMessageId: crypto.randomUUID() })) setText('');
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (suggestions.length > 0) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        setPick((p) => (p + (e.key === 'ArrowDown' ? 1 : suggestions.length - 1)) % suggestions.length);
        return;
      }
      if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault();
        setText(suggestions[Math.min(pick, suggestions.length - 1)].text);
        setPick(0);
        return;
      }
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void submit();
    }
  }

  async function attach(files: FileList | null) {
    const f = files?.[0];
    if (!f) return;
    setBusy(true);
    setError(null);
    try {
      const form = new FormData();
      form.append('file', f);
      const uploaded = await api<{ id: string; mimeType: string }>('/api/media', { method: 'POST', body: form });
      const type = mediaType(uploaded.mimeType || f.type);
      await send({
        conversationId,
        type,
        media: { id: uploaded.id, caption: text.trim() && type !== 'sticker' && type !== 'audio' ? text.trim() : undefined, filename: type === 'document' ? f.name : undefined },
      });
      setText('');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
      if (file.current) file.current.value = '';
    }
  }

  if (!canSend) return <div className="reply-box readonly muted">Your role can read this conversation but not reply.</div>;

  return (
    <div className="reply-box">
      {!windowOpen && !noteMode && (
        <TemplatePicker
          busy={busy}
          onSend={(name, language, values) =>
            send({
              conversationId,
              type: 'template',
              template: { name, language, components: values.length ? [{ type: 'body', parameters: values.map((text) => ({ type: 'text', text })) }] : [] },
            })
          }
        />
      )}
      {suggestions.length > 0 && (
        <ul className="canned" role="listbox" aria-label="Canned responses">
          {suggestions.map((c, i) => (
            <li
              key={c.id}
              role="option"
              aria-selected={i === pick}
              className={i === pick ? 'picked' : ''}
              onMouseDown={(e) => {
                e.preventDefault();
                setText(c.text);
              }}
            >
              <b>/{c.shortcut}</b> {c.text}
            </li>
          ))}
        </ul>
      )}
      {(windowOpen || noteMode) && (
        <div className="compose">
          <textarea
            aria-label={noteMode ? 'Note text' : 'Reply'}
            className={noteMode ? 'note' : ''}
            placeholder={noteMode ? 'Private note for the team (Enter adds it)' : 'Reply… (Enter sends, Shift+Enter new line, / for canned responses)'}
            value={text}
            rows={2}
            onChange={(e) => {
              setText(e.target.value);
              setPick(0);
              if (e.target.value && !e.target.value.startsWith('/')) typing();
            }}
            onKeyDown={onKeyDown}
          />
          {!noteMode && (
            <>
              <input ref={file} type="file" hidden onChange={(e) => attach(e.target.files)} aria-label="Attachment" />
              <button type="button" className="icon" title="Attach a file" aria-label="Attach a file" onClick={() => file.current?.click()} disabled={busy}>
                <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
                  <path d="M21 11l-9 9a6 6 0 0 1-8.5-8.5l9-9a4 4 0 0 1 5.7 5.7l-9 9a2 2 0 0 1-2.8-2.8l8.3-8.3" />
                </svg>
              </button>
            </>
          )}
          <button type="button" onClick={() => void submit()} disabled={busy || !text.trim()}>
            {noteMode ? 'Add note' : 'Send'}
          </button>
        </div>
      )}
      <label className="note-toggle">
        <input type="checkbox" checked={noteMode} onChange={(e) => setNoteMode(e.target.checked)} /> Private note
      </label>
      <FieldError error={error} field="text.body" />
      <ProblemBox error={error} />
    </div>
  );
}

function TemplatePicker({ onSend, busy }: { onSend: (name: string, language: string, values: string[]) => Promise<boolean>; busy: boolean }) {
  const templates = useQuery({ queryKey: ['templates'], queryFn: () => api<TemplateView[]>('/api/templates') });
  const approved = (templates.data ?? []).filter((t) => (t.status ?? '').toUpperCase() === 'APPROVED');
  const [chosen, setChosen] = useState('');
  const [values, setValues] = useState<string[]>([]);
  const template = approved.find((t) => `${t.name}|${t.language}` === chosen);

  return (
    <div className="window-closed" role="region" aria-label="Window closed">
      <p>
        <strong>The 24-hour window is closed.</strong> WhatsApp only lets an approved template reach this customer until they write again.
      </p>
      <div className="template-form">
        <select
          aria-label="Template"
          value={chosen}
          onChange={(e) => {
            setChosen(e.target.value);
            const t = approved.find((x) => `${x.name}|${x.language}` === e.target.value);
            setValues(Array.from({ length: t?.bodyParameterCount ?? 0 }, () => ''));
          }}
        >
          <option value="">Choose an approved template…</option>
          {approved.map((t) => (
            <option key={`${t.name}|${t.language}`} value={`${t.name}|${t.language}`}>
              {t.name} ({t.language})
            </option>
          ))}
        </select>
        {template &&
          values.map((v, i) => (
            <input
              key={i}
              aria-label={`Parameter {{${i + 1}}}`}
              placeholder={`{{${i + 1}}}`}
              value={v}
              onChange={(e) => setValues(values.map((x, j) => (j === i ? e.target.value : x)))}
            />
          ))}
        <button
          type="button"
          disabled={!template || busy || values.some((v) => !v.trim())}
          onClick={async () => {
            if (template && (await onSend(template.name, template.language, values))) {
              setChosen('');
              setValues([]);
            }
          }}
        >
          Send template
        </button>
      </div>
      {approved.length === 0 && !templates.isLoading && <p className="muted">No approved template yet.</p>}
      <ProblemBox error={templates.error} />
    </div>
  );
}
