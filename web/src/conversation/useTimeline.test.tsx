import { renderHook, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TIMELINE_PAGE_SIZE, useTimeline } from './useTimeline';

let urls: string[];

function page(ids: string[], next?: string) {
  const items = ids.map((id) => ({ id, conversationId: 'c1', direction: 'inbound', type: 'text', text: id, timestamp: '2026-12-01T09:00:00Z' }));
  return new Response(JSON.stringify(items), {
    status: 200,
    headers: { 'Content-Type': 'application/json', ...(next ? { 'X-Next-Cursor': next } : {}) },
  });
}

beforeEach(() => {
  urls = [];
  vi.stubGlobal('fetch', vi.fn(async (url: string) => {
    urls.push(url);
    const cursor = new URL(url, 'http://console').searchParams.get('cursor');
    if (cursor === null) return page(['m1', 'm2'], 'after-m2');
    if (cursor === 'after-m2') return page(['m3', 'm4'], 'after-m4');
    if (cursor === 'after-m4') return page(['m5']);
    return new Response(JSON.stringify({ title: 'Bad Request', status: 400, code: 'INVALID_CURSOR' }), { status: 400 });
  }));
});
afterEach(() => vi.unstubAllGlobals());

function wrapper({ children }: { children: ReactNode }) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

describe('the timeline of a conversation', () => {
  it('is read page after page with the cursor each page hands out, in order, until a page gives none', async () => {
    const { result } = renderHook(() => useTimeline('c1', () => 'wamid.just-sent'), { wrapper });

    await waitFor(() => expect(result.current.messages?.map((m) => m.id)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']), { timeout: 5000 });
    expect(urls).toEqual([
      `/api/conversations/c1/messages?size=${TIMELINE_PAGE_SIZE}&waitFor=wamid.just-sent`,
      `/api/conversations/c1/messages?size=${TIMELINE_PAGE_SIZE}&cursor=after-m2`,
      `/api/conversations/c1/messages?size=${TIMELINE_PAGE_SIZE}&cursor=after-m4`,
    ]);
    expect(result.current.error).toBeNull();
  });
});
