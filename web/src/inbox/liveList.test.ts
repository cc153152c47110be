import { describe, expect, it } from 'vitest';
import type { InfiniteData } from '@tanstack/react-query';
import type { Page } from '../api/client';
import type { InboxItem } from '../api/types';
import { applyLiveUpdate } from './liveList';

const conv = (id: string, unreadCount = 0): InboxItem => ({
  id, contact: { id: `k-${id}`, name: id }, status: 'open', unreadCount, windowOpen: false, lastActivityAt: '2026-12-01T08:00:00Z',
});
const data = (...pages: InboxItem[][]): InfiniteData<Page<InboxItem>> => ({
  pages: pages.map((items, page) => ({ items, page, size: 2, total: 4 })),
  pageParams: pages.map((_, i) => i),
});
const update = (conversationId: string, kind: 'message' | 'conversation' = 'message') => ({
  kind, event: 'CustomerTextMessageReceived', conversationId, at: '2026-12-01T09:30:00Z',
});

describe('live updates of the inbox', () => {
  it('moves a conversation with a new message to the top and bumps its unread count', () => {
    const next = applyLiveUpdate(data([conv('a'), conv('b', 1)], [conv('c'), conv('d', 2)]), update('d'))!;
    expect(next.pages[0].items.map((i) => i.id)).toEqual(['d', 'a', 'b']);
    expect(next.pages[1].items.map((i) => i.id)).toEqual(['c']);
    expect(next.pages[0].items[0]).toMatchObject({ unreadCount: 3, lastActivityAt: '2026-12-01T09:30:00Z', windowOpen: true });
  });

  it('does not count as unread a message in the conversation the agent has open', () => {
    const next = applyLiveUpdate(data([conv('a'), conv('b', 0)]), update('b'), 'b')!;
    expect(next.pages[0].items.map((i) => i.id)).toEqual(['b', 'a']);
    expect(next.pages[0].items[0].unreadCount).toBe(0);
  });

  it('leaves the list as it is for other changes and for conversations it has not loaded', () => {
    const before = data([conv('a'), conv('b')]);
    expect(applyLiveUpdate(before, update('b', 'conversation'))).toBe(before);
    expect(applyLiveUpdate(before, update('zzz'))).toBe(before);
    expect(applyLiveUpdate(undefined, update('a'))).toBeUndefined();
  });
});
