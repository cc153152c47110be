import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import CampaignsPage from './CampaignsPage';

type Call = { url: string; method: string; body: unknown };
let calls: Call[];
let numbers: unknown[];
let campaign: Record<string, unknown>;

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } });
}

beforeEach(() => {
  calls = [];
  numbers = [
    { phoneNumberId: '110000000000001', isDefault: true, displayPhoneNumber: '+254 700 000001', messagesPerSecond: 80 },
    { phoneNumberId: '110000000000002', isDefault: false, displayPhoneNumber: '+254 700 000002', messagesPerSecond: 20 },
  ];
  campaign = { id: 'c1', name: 'December offer', status: 'DRAFT', content: { templateName: 'december_offer', language: 'en' }, progress: {} };
  vi.stubGlobal('fetch', vi.fn(async (url: string, init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    calls.push({ url, method, body: init?.body ? JSON.parse(String(init.body)) : undefined });
    if (url === '/api/templates') return json([{ name: 'december_offer', language: 'en', status: 'APPROVED', category: 'MARKETING', bodyParameterCount: 0 }]);
    if (url === '/api/numbers') return json(numbers);
    if (url === '/api/campaigns' && method === 'POST') return json({ id: 'c1', status: 'draft' }, 201);
    if (url === '/api/campaigns/c1') return json(campaign);
    if (url.startsWith('/api/campaigns/c1/recipients')) return json([]);
    return json({ title: 'Not Found', status: 404, code: 'NOT_FOUND' }, 404);
  }));
});
afterEach(() => vi.unstubAllGlobals());

function newCampaign() {
  open('/campaigns/new');
}

function open(path: string) {
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          <Route path="/campaigns/*" element={<CampaignsPage />} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

async function createOffer() {
  await userEvent.type(screen.getByLabelText('Campaign name'), 'December offer');
  await userEvent.selectOptions(screen.getByLabelText('Campaign template'), await screen.findByRole('option', { name: /december_offer/ }));
  await userEvent.type(screen.getByLabelText('Audience phone numbers'), '+254712345678');
}

const created = () => calls.find((c) => c.url === '/api/campaigns' && c.method === 'POST');

describe('a new campaign', () => {
  it('is sent from the number chosen when there are several', async () => {
    newCampaign();
    await createOffer();
    await userEvent.selectOptions(await screen.findByLabelText('Campaign number'), '+254 700 000002');
    await userEvent.click(screen.getByRole('button', { name: 'Create campaign' }));

    await waitFor(() => expect(created()).toBeDefined());
    expect(created()!.body).toMatchObject({ name: 'December offer', phoneNumberId: '110000000000002' });
  });

  it('asks nothing about numbers when there is one, and goes from the default', async () => {
    numbers.pop();
    newCampaign();
    await createOffer();
    await waitFor(() => expect(calls.some((c) => c.url === '/api/numbers')).toBe(true));
    expect(screen.queryByLabelText('Campaign number')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Create campaign' }));

    await waitFor(() => expect(created()).toBeDefined());
    expect(created()!.body).not.toHaveProperty('phoneNumberId');
  });
});

describe('a campaign\'s page', () => {
  it('shows the number the campaign sends from', async () => {
    campaign.phoneNumberId = '110000000000002';
    open('/campaigns/c1');

    expect(await screen.findByTestId('campaign-number')).toHaveTextContent('sends from +254 700 000002');
    expect(screen.getByTestId('campaign-number')).not.toHaveTextContent('default');
  });

  it('shows the default number for a campaign that recorded none', async () => {
    open('/campaigns/c1');

    await waitFor(() => expect(screen.getByTestId('campaign-number')).toHaveTextContent('sends from +254 700 000001 (default)'));
  });
});
