import { useEffect, useMemo, useRef } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { apiPage, query } from '../api/client';
import type { InboxItem } from '../api/types';
import { ProblemBox } from '../ui/Problem';
import { ConversationRow } from './ConversationRow';
import { ConversationView, useAgentNames } from '../conversation/ConversationView';

const PAGE_SIZE = 100;
const FILTERS = ['mine', 'unassigned', 'unread', 'arrivedLate', 'status', 'window', 'tag', 'q'] as const;

export function inboxQuery(params: URLSearchParams) {
  const filters: Record<string, string> = {};
  FILTERS.forEach((f) => {
    const v = params.get(f);
    if (v) filters[f] = v;
  });
  return filters;
}

export function InboxPage() {
  const { conversationId } = useParams();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const filters = useMemo(() => inboxQuery(params), [params]);
  const { names } = useAgentNames();

  const list = useInfiniteQuery({
    queryKey: ['conversations', filters],
    queryFn: ({ pageParam }) => apiPage<InboxItem>(`/api/conversations${query({ ...filters, page: pageParam, size: PAGE_SIZE })}`),
    initialPageParam: 0,
    getNextPageParam: (last) => ((last.page + 1) * last.size < last.total ? last.page + 1 : undefined),
  });
  const items = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const total = list.data?.pages[0]?.total ?? 0;

  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 76,
    overscan: 8,
  });
  const virtualItems = virtual.getVirtualItems();
  const lastVisible = virtualItems[virtualItems.length - 1]?.index ?? 0;
  useEffect(() => {
    if (lastVisible >= items.length - 10 && list.hasNextPage && !list.isFetchingNextPage) list.fetchNextPage();
  }, [lastVisible, items.length, list]);

  // Keyboard: j / k (or Alt+↓ / Alt+↑) move to the next or previous conversation; "/" focuses the search.
  const search = useRef<HTMLInputElement>(null);
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      const target = e.target as HTMLElement;
      const typing = target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT';
      let step = 0;
      if (e.altKey && e.key === 'ArrowDown') step = 1;
      else if (e.altKey && e.key === 'ArrowUp') step = -1;
      else if (!typing && e.key === 'j') step = 1;
      else if (!typing && e.key === 'k') step = -1;
      else if (!typing && e.key === '/' ) {
        e.preventDefault();
        search.current?.focus();
        return;
      }
      if (!step || items.length === 0) return;
      e.preventDefault();
      const at = items.findIndex((i) => i.id === conversationId);
      const next = Math.min(items.length - 1, Math.max(0, at < 0 ? 0 : at + step));
      virtual.scrollToIndex(next);
      navigate(`/inbox/${items[next].id}?${params}`);
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [items, conversationId, navigate, params, virtual]);

  function set(name: string, value: string | null) {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  }

  return (
    <div className={`inbox ${conversationId ? 'has-open' : ''}`}>
      <section className="list-pane" aria-label="Conversations">
        <div className="filters">
          <input
            ref={search}
            type="search"
            placeholder="Search name, number, text  ( / )"
            defaultValue={filters.q ?? ''}
            onChange={(e) => set('q', e.target.value.trim() || null)}
            aria-label="Search"
          />
          <div className="chips">
            <Toggle label="Mine" on={!!filters.mine} onChange={(on) => set('mine', on ? 'true' : null)} />
            <Toggle label="Unassigned" on={!!filters.unassigned} onChange={(on) => set('unassigned', on ? 'true' : null)} />
            <Toggle label="Unread" on={!!filters.unread} onChange={(on) => set('unread', on ? 'true' : null)} />
            <Toggle label="Arrived late" on={!!filters.arrivedLate} onChange={(on) => set('arrivedLate', on ? 'true' : null)} />
            <select aria-label="Status" value={filters.status ?? ''} onChange={(e) => set('status', e.target.value || null)}>
              <option value="">Any status</option>
              <option value="open">Open</option>
              <option value="pending">Pending</option>
              <option value="assigned">Assigned</option>
              <option value="snoozed">Snoozed</option>
              <option value="resolved">Resolved</option>
            </select>
            <select aria-label="Window" value={filters.window ?? ''} onChange={(e) => set('window', e.target.value || null)}>
              <option value="">Any window</option>
              <option value="open">Window open</option>
              <option value="closed">Window closed</option>
            </select>
            <input
              className="tag-filter"
              placeholder="tag"
              aria-label="Tag"
              defaultValue={filters.tag ?? ''}
              onBlur={(e) => set('tag', e.target.value.trim() || null)}
              onKeyDown={(e) => e.key === 'Enter' && set('tag', (e.target as HTMLInputElement).value.trim() || null)}
            />
          </div>
          <div className="count">{list.isLoading ? 'Loading…' : `${total} conversation${total === 1 ? '' : 's'}`}</div>
        </div>
        <ProblemBox error={list.error} />
        <div className="list-scroller" ref={scroller} data-testid="conversation-list">
          <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
            {virtualItems.map((row) => {
              const item = items[row.index];
              return (
                <div
                  key={item.id}
                  className="virtual-row"
                  style={{ transform: `translateY(${row.start}px)`, height: row.size }}
                >
                  <ConversationRow
                    item={item}
                    selected={item.id === conversationId}
                    assigneeName={item.assignee ? names[item.assignee] : undefined}
                    onOpen={() => navigate(`/inbox/${item.id}?${params}`)}
                  />
                </div>
              );
            })}
          </div>
          {!list.isLoading && items.length === 0 && <div className="empty">No conversations match.</div>}
        </div>
      </section>
      <section className="conversation-pane">
        {conversationId ? (
          <ConversationView key={conversationId} conversationId={conversationId} fromList={items.find((i) => i.id === conversationId)} />
        ) : (
          <div className="empty">Choose a conversation (j / k to move).</div>
        )}
      </section>
    </div>
  );
}

function Toggle({ label, on, onChange }: { label: string; on: boolean; onChange: (on: boolean) => void }) {
  return (
    <button type="button" className={`chip ${on ? 'on' : ''}`} aria-pressed={on} onClick={() => onChange(!on)}>
      {label}
    </button>
  );
}
