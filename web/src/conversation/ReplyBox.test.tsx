import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReplyBox } from './ReplyBox';

type Call = { url: string; method: string; body: unknown };
let calls: Call[];

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } });
}

beforeEach(() => {
  calls = [];
  vi.stubGlobal('fetch', vi.fn(async (url: string, init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    calls.push({ url, method, body: init?.body ? JSON.parse(String(init.body)) : undefined });
    if (url === '/api/canned-responses') return json([{ id: '1', shortcut: 'greet', text: 'Habari! How can we help?' }]);
    if (url === '/api/templates')
      return json([
        { name: 'order_update', language: 'en', status: 'APPROVED', category: 'UTILITY', bodyParameterCount: 2 },
        { name: 'draft_one', language: 'en', status: 'PENDING', category: 'MARKETING', bodyParameterCount: 0 },
      ]);
    if (url === '/api/messages/send') {
      const body = JSON.parse(String(init!.body));
      if (body.text?.body === 'too long')
        return json({ title: 'Bad Request', status: 400, code: 'VALIDATION_FAILED', detail: 'Some fields are not valid', errors: [{ field: 'text.body', reason: 'size must be between 1 and 4096' }] }, 400);
      return json({ id: 'msg-1', conversationId: 'c1', status: 'queued' }, 202);
    }
    return json({});
  }));
});
afterEach(() => vi.unstubAllGlobals());

function box(windowOpen: boolean, onSent = vi.fn()) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <ReplyBox conversationId="c1" windowOpen={windowOpen} canSend onSent={onSent} onNote={vi.fn()} />
    </QueryClientProvider>,
  );
  return onSent;
}

const sends = () => calls.filter((c) => c.url === '/api/messages/send');

describe('the reply box', () => {
  it('sends with Enter and starts a new line with Shift+Enter', async () => {
    const onSent = box(true);
    const input = screen.getByLabelText('Reply');
    await userEvent.type(input, 'Pole sana{Shift>}{Enter}{/Shift}tunaangalia');
    expect(sends()).toHaveLength(0);
    expect(input).toHaveValue('Pole sana\ntunaangalia');
    await userEvent.type(input, '{Enter}');
    await waitFor(() => expect(onSent).toHaveBeenCalledWith('msg-1'));
    expect(sends()[0].body).toMatchObject({ conversationId: 'c1', type: 'text', text: { body: 'Pole sana\ntunaangalia' } });
    expect(input).toHaveValue('');
  });

  it('inserts a canned response chosen with "/"', async () => {
    box(true);
    const input = screen.getByLabelText('Reply');
    await userEvent.type(input, '/gre');
    expect(await screen.findByRole('option', { name: /greet/ })).toBeInTheDocument();
    await userEvent.keyboard('{Enter}');
    expect(input).toHaveValue('Habari! How can we help?');
    expect(sends()).toHaveLength(0);
  });

  it('shows the API\'s problem next to the text it refused and keeps the text', async () => {
    box(true);
    const input = screen.getByLabelText('Reply');
    await userEvent.type(input, 'too long{Enter}');
    expect(await screen.findByText('size must be between 1 and 4096', { selector: '.field-error' })).toBeInTheDocument();
    expect(screen.getByText('VALIDATION_FAILED')).toBeInTheDocument();
    expect(input).toHaveValue('too long');
  });

  it('says when the 24-hour window is closed and offers only approved templates with their parameters', async () => {
    const onSent = box(false);
    expect(screen.queryByLabelText('Reply')).toBeNull();
    expect(screen.getByText(/24-hour window is closed/)).toBeInTheDocument();
    const picker = screen.getByLabelText('Template');
    await waitFor(() => expect(screen.getByRole('option', { name: 'order_update (en)' })).toBeInTheDocument());
    expect(screen.queryByRole('option', { name: /draft_one/ })).toBeNull();
    await userEvent.selectOptions(picker, 'order_update|en');
    const send = screen.getByRole('button', { name: 'Send template' });
    expect(send).toBeDisabled();
    await userEvent.type(screen.getByLabelText('Parameter {{1}}'), 'Wanjiku');
    await userEvent.type(screen.getByLabelText('Parameter {{2}}'), 'ORD-7');
    await userEvent.click(send);
    await waitFor(() => expect(onSent).toHaveBeenCalled());
    expect(sends()[0].body).toMatchObject({
      type: 'template',
      template: { name: 'order_update', language: 'en', components: [{ type: 'body', parameters: [{ type: 'text', text: 'Wanjiku' }, { type: 'text', text: 'ORD-7' }] }] },
    });
  });
});
