import { render, screen } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setSession } from './api/client';
import { App } from './App';

const liveStream = vi.fn(() => 'live');
vi.mock('./live/useLiveStream', () => ({ useLiveStream: () => liveStream() }));
vi.mock('./inbox/InboxPage', () => ({ InboxPage: () => <div>the inbox</div> }));
vi.mock('./analytics/AnalyticsPage', () => ({ default: () => <div>the analytics</div> }));

function signedInAs(role: string, path: string) {
  setSession({ accessToken: 'token', role, email: `${role.toLowerCase()}@test.datacare.local`, expiresAt: Date.now() + 60_000 });
  return render(
    <QueryClientProvider client={new QueryClient()}>
      <MemoryRouter initialEntries={[path]}>
        <App />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

afterEach(() => {
  setSession(null);
  liveStream.mockClear();
});

describe('the console for each role', () => {
  it('offers an analyst no inbox, no conversation and no live stream: a conversation link leads to analytics', async () => {
    signedInAs('ANALYST', '/inbox/some-conversation');

    expect(await screen.findByText('the analytics')).toBeInTheDocument();
    expect(screen.queryByText('the inbox')).toBeNull();
    expect(screen.queryByRole('link', { name: 'Inbox' })).toBeNull();
    expect(screen.queryByTestId('live-state')).toBeNull();
    expect(liveStream).not.toHaveBeenCalled();
  });

  it('opens an analyst on analytics', async () => {
    signedInAs('ANALYST', '/');

    expect(await screen.findByText('the analytics')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Analytics' })).toBeInTheDocument();
  });

  it('gives an agent the inbox with its live stream', async () => {
    signedInAs('AGENT', '/');

    expect(await screen.findByText('the inbox')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Inbox' })).toBeInTheDocument();
    expect(screen.getByTestId('live-state')).toHaveTextContent('live');
    expect(liveStream).toHaveBeenCalled();
  });
});
