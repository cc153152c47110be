import { useEffect, useMemo } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { apiCursorPage, query } from '../api/client';
import type { TimelineMessage } from '../api/types';

/** Messages per request: a conversation of thousands of messages is read in bounded pages, never in one answer. */
export const TIMELINE_PAGE_SIZE = 200;

/**
 * The timeline of a conversation, oldest first, read page after page with the cursor each page hands out
 * (X-Next-Cursor) until the last: the first page shows as soon as it arrives and every request costs the same,
 * however long the conversation. {@code waitFor} (read your own writes) goes with the first page's request.
 */
export function useTimeline(conversationId: string, waitFor?: () => string | undefined) {
  const pages = useInfiniteQuery({
    queryKey: ['messages', conversationId],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      apiCursorPage<TimelineMessage>(
        `/api/conversations/${conversationId}/messages${query({
          size: TIMELINE_PAGE_SIZE,
          cursor: pageParam,
          waitFor: pageParam ? undefined : waitFor?.(),
        })}`,
      ),
    getNextPageParam: (last) => last.nextCursor,
  });
  const { hasNextPage, isFetchingNextPage, isError, fetchNextPage } = pages;
  // the number of pages read is a dependency too: a page that arrives quickly may never show as being fetched
  const read = pages.data?.pages.length ?? 0;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && !isError) fetchNextPage();
  }, [read, hasNextPage, isFetchingNextPage, isError, fetchNextPage]);
  const messages = useMemo(() => pages.data?.pages.flatMap((page) => page.items), [pages.data]);
  return { messages, isLoading: pages.isLoading, error: pages.error };
}
