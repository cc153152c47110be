import { useEffect, useRef, useState } from 'react';
import { useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { fetchEventSource } from '@microsoft/fetch-event-source';
import { authHeaders, refresh, session, setSession, type Page } from '../api/client';
import { useSession } from '../auth/useSession';
import type { InboxItem, LiveUpdate } from '../api/types';
import { applyLiveUpdate } from '../inbox/liveList';

export type LiveState = 'connecting' | 'live' | 'reconnecting';

class RetriableError extends Error {}

/**
 * Follows GET /api/stream with a fetch-based reader (EventSource cannot send the bearer token). Each update
 * patches the loaded inbox at once and refetches what it touched; after a reconnect everything on screen is
 * refetched, which catches up on whatever happened while the stream was down.
 */
export function useLiveStream(): LiveState {
  const client = useQueryClient();
  const [state, setState] = useState<LiveState>('connecting');
  const everConnected = useRef(false);
  const token = useSession()?.accessToken;

  useEffect(() => {
    const controller = new AbortController();
    let listTimer: ReturnType<typeof setTimeout> | undefined;
    const touchTimers = new Map<string, ReturnType<typeof setTimeout>>();
    const refetchLists = () => {
      clearTimeout(listTimer);
      listTimer = setTimeout(() => client.invalidateQueries({ queryKey: ['conversations'] }), 800);
    };

    fetchEventSource('/api/stream', {
      signal: controller.signal,
      openWhenHidden: true,
      headers: authHeaders(),
      async onopen(response) {
        if (response.ok) {
          setState('live');
          if (everConnected.current) client.invalidateQueries();
          everConnected.current = true;
          return;
        }
        if (response.status === 401) {
          if (!(await refresh())) {
            setSession(null);
            throw new Error('signed out');
          }
        }
        throw new RetriableError(`stream answered ${response.status}`);
      },
      onmessage(message) {
        if (message.event !== 'message' && message.event !== 'conversation') return;
        const update = JSON.parse(message.data) as LiveUpdate;
        const open = window.location.pathname.split('/inbox/')[1];
        client.setQueriesData<InfiniteData<Page<InboxItem>>>({ queryKey: ['conversations'] }, (data) =>
          applyLiveUpdate(data, update, open),
        );
        // Only what is on screen is refetched (inactive queries are just marked stale), once per burst, a
        // moment later: the stream may run ahead of the read models, and the API's rate limit is per address.
        const id = update.conversationId;
        clearTimeout(touchTimers.get(id));
        touchTimers.set(
          id,
          setTimeout(() => {
            touchTimers.delete(id);
            client.invalidateQueries({ queryKey: ['messages', id] });
            client.invalidateQueries({ queryKey: ['conversation', id] });
          }, 600),
        );
        if (update.event.startsWith('Campaign')) client.invalidateQueries({ queryKey: ['campaigns'] });
        refetchLists();
      },
      onclose() {
        setState('reconnecting');
        throw new RetriableError('stream closed');
      },
      onerror(error) {
        if (!session() || (error instanceof Error && error.message === 'signed out')) throw error;
        setState('reconnecting');
        return 2000;
      },
    }).catch(() => undefined);

    return () => {
      clearTimeout(listTimer);
      touchTimers.forEach((t) => clearTimeout(t));
      controller.abort();
    };
  }, [client, token]);

  return state;
}
