import { render, screen, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { TimelineMessage } from '../api/types';
import { Timeline } from './Timeline';

let seq = 0;
function msg(partial: Partial<TimelineMessage>): TimelineMessage {
  seq += 1;
  return { id: `m${seq}`, conversationId: 'c1', direction: 'inbound', type: 'text', timestamp: '2026-12-01T09:00:00Z', ...partial };
}

function show(messages: TimelineMessage[], agentNames: Record<string, string> = {}) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <Timeline messages={messages} agentNames={agentNames} />
    </QueryClientProvider>,
  );
}

const item = (container: HTMLElement, id: string) => container.querySelector(`[data-message-id="${id}"]`) as HTMLElement;

describe('the timeline', () => {
  it('renders WhatsApp formatting as bold, italic, strikethrough and monospace without any HTML injection', () => {
    const { container } = show([msg({ id: 't', text: 'Your *router* is _on its way_ ~today~ ```ABC-123``` <b>x</b>' })]);
    const row = item(container, 't');
    expect(row.querySelector('strong')?.textContent).toBe('router');
    expect(row.querySelector('em')?.textContent).toBe('on its way');
    expect(row.querySelector('s')?.textContent).toBe('today');
    expect(row.querySelector('pre')?.textContent).toBe('ABC-123');
    expect(row.querySelector('b')).toBeNull();
    expect(row.textContent).toContain('<b>x</b>');
  });

  it('names a message staff typed on the WhatsApp Business app as the business app, not an agent', () => {
    const { container } = show([msg({ id: 'echo', direction: 'outbound', text: 'Technician anakuja', sender: 'business-app' })]);
    expect(item(container, 'echo').textContent).toContain('Business app · ');
  });

  it('shows a location with its name, address and a map link', () => {
    show([msg({ type: 'location', text: 'Office', detail: JSON.stringify({ latitude: -1.2921, longitude: 36.8219, name: 'DataCare office', address: 'Ngong Rd' }) })]);
    expect(screen.getByText(/DataCare office/)).toBeInTheDocument();
    expect(screen.getByText('Ngong Rd')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '-1.29210, 36.82190' })).toHaveAttribute('href', expect.stringContaining('mlat=-1.2921'));
  });

  it('lists shared contacts with their numbers', () => {
    show([msg({ type: 'contacts', detail: JSON.stringify({ cards: [{ name: { formatted_name: 'Achieng Otieno' }, phones: [{ phone: '+254 711 000000' }] }] }) })]);
    expect(screen.getByText(/Achieng Otieno/)).toBeInTheDocument();
    expect(screen.getByText('+254 711 000000')).toBeInTheDocument();
  });

  it('shows an interactive reply with the option the customer chose', () => {
    const { container } = show([msg({ id: 'i', type: 'interactive', text: 'Billing', detail: JSON.stringify({ replyType: 'list_reply', replyId: 'billing' }) })]);
    expect(item(container, 'i').textContent).toContain('list_reply');
    expect(item(container, 'i').textContent).toContain('Billing');
  });

  it('puts a reaction on the message it reacts to instead of a row of its own', () => {
    const { container } = show([
      msg({ id: 'out', direction: 'outbound', type: 'text', text: 'Fixed now', wamid: 'wamid.OUT' }),
      msg({ id: 'r', type: 'reaction', reaction: { messageId: 'wamid.OUT', emoji: '👍' } }),
    ]);
    expect(item(container, 'r')).toBeNull();
    expect(within(item(container, 'out')).getByTestId('reactions').textContent).toBe('👍');
  });

  it('quotes the message a reply answers', () => {
    const { container } = show([
      msg({ id: 'a', text: 'Is it fixed?', wamid: 'wamid.A' }),
      msg({ id: 'b', direction: 'outbound', text: 'Yes', replyToWamid: 'wamid.A', wamid: 'wamid.B' }),
    ]);
    expect(within(item(container, 'b')).getByTestId('quote').textContent).toBe('Is it fixed?');
  });

  it('shows by how much a message arrived late, and nothing for one on time', () => {
    const { container } = show([
      msg({ id: 'late', text: 'Habari', wamid: 'w1', arrivedLate: { receivedAt: '2026-12-06T07:50:00Z', bySeconds: 90000 } }),
      msg({ id: 'live', text: 'Hello', wamid: 'w2' }),
    ]);
    expect(within(item(container, 'late')).getByTestId('arrived-late').textContent).toContain('arrived 1 d late');
    expect(within(item(container, 'live')).queryByTestId('arrived-late')).toBeNull();
  });

  it('shows the edited text marked as edited, and a deleted message as deleted', () => {
    const { container } = show([
      msg({ id: 'e', text: 'helo', editedText: 'hello', wamid: 'w1' }),
      msg({ id: 'd', text: 'secret', revoked: true, wamid: 'w2' }),
      msg({ id: 'x', type: 'edit', text: 'hello', wamid: 'w3' }),
    ]);
    expect(item(container, 'e').textContent).toContain('hello');
    expect(item(container, 'e').textContent).toContain('edited');
    expect(item(container, 'd').textContent).toContain('This message was deleted');
    expect(item(container, 'd').textContent).not.toContain('secret');
    expect(item(container, 'x')).toBeNull();
  });

  it('centres system notices and interleaves private notes with their author', () => {
    const { container } = show(
      [
        msg({ id: 's', type: 'system', text: 'Customer changed their number' }),
        msg({ id: 'n', direction: 'note', type: 'note', text: 'VIP customer', sender: 'agent:u1' }),
      ],
      { u1: 'Wanjiru' },
    );
    expect(container.querySelector('[data-type="system"]')?.textContent).toContain('Customer changed their number');
    expect(item(container, 'n').textContent).toContain('Private note · Wanjiru');
  });

  it('names an unknown message type rather than hiding it', () => {
    show([msg({ type: 'hologram', text: 'beam me' })]);
    expect(screen.getByTestId('unknown-type').textContent).toContain('hologram');
  });

  it('shows the delivery ticks of our messages and Meta\'s reason for a failure, and who sent each', () => {
    const { container } = show(
      [
        msg({ id: 'sent', direction: 'outbound', sender: 'bot', delivery: { status: 'sent' } }),
        msg({ id: 'del', direction: 'outbound', sender: 'campaign:abc', delivery: { status: 'delivered' } }),
        msg({ id: 'read', direction: 'outbound', sender: 'agent:u1', delivery: { status: 'read' } }),
        msg({ id: 'fail', direction: 'outbound', sender: 'agent:u1', delivery: { status: 'failed', errorCode: 131047, errorTitle: 'Re-engagement message' } }),
      ],
      { u1: 'Wanjiru' },
    );
    const status = (id: string) => item(container, id).querySelector('.ticks')?.getAttribute('data-status');
    expect(status('sent')).toBe('sent');
    expect(status('del')).toBe('delivered');
    expect(status('read')).toBe('read');
    expect(status('fail')).toBe('failed');
    expect(item(container, 'fail').textContent).toContain('131047 · Re-engagement message');
    expect(item(container, 'sent').textContent).toContain('Bot');
    expect(item(container, 'del').textContent).toContain('Campaign abc');
    expect(item(container, 'read').textContent).toContain('Wanjiru');
  });

  it('shows media with its caption, loading it through the API', () => {
    const { container } = show([msg({ id: 'img', type: 'image', media: { id: 'media-1', caption: 'my *router*' } })]);
    expect(item(container, 'img').textContent).toContain('image loading');
    expect(item(container, 'img').querySelector('strong')?.textContent).toBe('router');
  });
});
