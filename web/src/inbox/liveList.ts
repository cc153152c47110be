import type { InfiniteData } from '@tanstack/react-query';
import type { Page } from '../api/client';
import type { InboxItem, LiveUpdate } from '../api/types';

/**
 * A customer's new message, applied to a loaded inbox at once: its conversation moves to the top with one
 * more unread message. Other changes leave the list as it is (the refetch that follows brings their details).
 * Returns the same object when nothing changes, so the list does not re-render.
 */
export function applyLiveUpdate(
  data: InfiniteData<Page<InboxItem>> | undefined,
  update: LiveUpdate,
  openConversationId?: string,
): InfiniteData<Page<InboxItem>> | undefined {
  if (!data || update.kind !== 'message') return data;
  let found: InboxItem | undefined;
  const pages = data.pages.map((page) => {
    const index = page.items.findIndex((item) => item.id === update.conversationId);
    if (index < 0) return page;
    found = page.items[index];
    return { ...page, items: page.items.filter((_, i) => i !== index) };
  });
  if (!found) return data;
  const moved: InboxItem = {
    ...found,
    unreadCount: update.conversationId === openConversationId ? found.unreadCount : found.unreadCount + 1,
    lastActivityAt: update.at,
    windowOpen: true,
  };
  pages[0] = { ...pages[0], items: [moved, ...pages[0].items] };
  return { ...data, pages };
}
