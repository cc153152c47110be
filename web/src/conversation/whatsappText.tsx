import { Fragment, type ReactNode } from 'react';

// WhatsApp's own markup: *bold*, _italic_, ~strikethrough~, ```monospace``` and `inline code`.
const MARKS: { open: string; tag: 'strong' | 'em' | 's' | 'code' | 'pre' }[] = [
  { open: '```', tag: 'pre' },
  { open: '`', tag: 'code' },
  { open: '*', tag: 'strong' },
  { open: '_', tag: 'em' },
  { open: '~', tag: 's' },
];
const URL = /(https?:\/\/[^\s<]+)/g;

function links(text: string, key: string): ReactNode[] {
  return text.split(URL).map((part, i) =>
    i % 2 === 1 ? (
      <a key={`${key}-${i}`} href={part} target="_blank" rel="noreferrer noopener">
        {part}
      </a>
    ) : (
      <Fragment key={`${key}-${i}`}>{part}</Fragment>
    ),
  );
}

/** Renders WhatsApp-formatted text as React nodes (never as HTML). */
export function formatWhatsApp(text: string, key = 'f'): ReactNode[] {
  for (const { open, tag } of MARKS) {
    const start = findOpening(text, open);
    if (start < 0) continue;
    const end = text.indexOf(open, start + open.length + 1);
    if (end < 0) continue;
    const inner = text.slice(start + open.length, end);
    if (!inner.trim() || (open.length === 1 && inner.includes('\n'))) continue;
    const Tag = tag;
    const content = tag === 'pre' || tag === 'code' ? inner : formatWhatsApp(inner, `${key}i`);
    return [
      ...formatWhatsApp(text.slice(0, start), `${key}a`),
      <Tag key={`${key}-${tag}`}>{content}</Tag>,
      ...formatWhatsApp(text.slice(end + open.length), `${key}b`),
    ];
  }
  return links(text, key);
}

function findOpening(text: string, mark: string): number {
  let from = 0;
  while (from < text.length) {
    const at = text.indexOf(mark, from);
    if (at < 0) return -1;
    const before = at === 0 ? ' ' : text[at - 1];
    const after = text[at + mark.length] ?? ' ';
    if ((mark.length > 1 || /[\s(]|^$/.test(before) || at === 0) && after.trim() !== '') return at;
    from = at + 1;
  }
  return -1;
}
