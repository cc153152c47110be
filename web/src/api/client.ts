import type { LoginResponse, Problem } from './types';

/** An answer of the API that is not 2xx, carrying its problem detail (RFC 9457). */
export class ApiError extends Error {
  constructor(readonly status: number, readonly problem: Problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
  }

  /** The message the API gave for one field, if it named it. */
  fieldError(field: string): string | undefined {
    const hit = (this.problem.errors ?? []).find((e) => e.field === field || e.field?.endsWith('.' + field));
    return hit ? String(hit.message ?? hit.reason ?? hit.detail ?? hit.code ?? 'invalid') : undefined;
  }
}

export interface Session {
  accessToken: string;
  refreshToken?: string;
  role: string;
  email: string;
  name?: string;
  userId?: string;
  expiresAt: number;
  passwordChangeRequired?: boolean;
}

const KEY = 'datacare.session';
type Listener = (s: Session | null) => void;
const listeners = new Set<Listener>();
let current: Session | null = load();

function load(): Session | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function session(): Session | null {
  return current;
}

export function setSession(next: Session | null) {
  current = next;
  if (next) localStorage.setItem(KEY, JSON.stringify(next));
  else localStorage.removeItem(KEY);
  listeners.forEach((l) => l(next));
}

export function onSession(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function claims(token: string): Record<string, unknown> {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(decodeURIComponent(escape(atob(part))));
  } catch {
    return {};
  }
}

export function sessionFrom(login: LoginResponse, email: string): Session {
  const c = claims(login.accessToken);
  return {
    accessToken: login.accessToken,
    refreshToken: login.refreshToken,
    role: login.role,
    email: (c.email as string) ?? email,
    name: c.name as string | undefined,
    userId: c.sub as string | undefined,
    expiresAt: Date.now() + login.expiresIn * 1000,
    passwordChangeRequired: login.passwordChangeRequired === true,
  };
}

async function problemOf(response: Response): Promise<Problem> {
  const text = await response.text();
  try {
    return JSON.parse(text) as Problem;
  } catch {
    return { status: response.status, title: response.statusText, detail: text || undefined };
  }
}

let refreshing: Promise<boolean> | null = null;

/** Uses the refresh token, when the service issued one, for a new access token; false when it cannot. */
export function refresh(): Promise<boolean> {
  const s = current;
  if (!s?.refreshToken) return Promise.resolve(false);
  refreshing ??= fetch('/api/auth/refresh', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ refreshToken: s.refreshToken }),
  })
    .then(async (r) => {
      if (!r.ok) return false;
      const body = (await r.json()) as LoginResponse;
      setSession({ ...sessionFrom(body, s.email), refreshToken: body.refreshToken ?? s.refreshToken });
      return true;
    })
    .catch(() => false)
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

export function authHeaders(): Record<string, string> {
  return current ? { Authorization: `Bearer ${current.accessToken}` } : {};
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  size: number;
}

async function send(path: string, init: RequestInit, retried = false): Promise<Response> {
  const headers = new Headers(init.headers);
  Object.entries(authHeaders()).forEach(([k, v]) => headers.set(k, v));
  if (init.body && typeof init.body === 'string' && !headers.has('Content-Type')) {
    headers.set('Content-Type', 'application/json');
  }
  const response = await fetch(path, { ...init, headers });
  if (response.status === 401 && !retried && current) {
    if (await refresh()) return send(path, init, true);
    setSession(null);
  }
  if (!response.ok) throw new ApiError(response.status, await problemOf(response));
  return response;
}

export async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await send(path, init);
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('Content-Type') ?? '';
  return (type.includes('json') ? response.json() : response.text()) as Promise<T>;
}

export async function apiPage<T>(path: string): Promise<Page<T>> {
  const response = await send(path, {});
  const items = (await response.json()) as T[];
  return {
    items,
    total: Number(response.headers.get('X-Total-Count') ?? items.length),
    page: Number(response.headers.get('X-Page') ?? 0),
    size: Number(response.headers.get('X-Page-Size') ?? items.length),
  };
}

/** A page read after a cursor: its items and the cursor of the next page (X-Next-Cursor), none after the last. */
export interface CursorPage<T> {
  items: T[];
  nextCursor?: string;
}

export async function apiCursorPage<T>(path: string): Promise<CursorPage<T>> {
  const response = await send(path, {});
  const items = (await response.json()) as T[];
  return { items, nextCursor: response.headers.get('X-Next-Cursor') ?? undefined };
}

export async function apiBlob(path: string): Promise<Blob> {
  return (await send(path, {})).blob();
}

export const post = <T>(path: string, body?: unknown) =>
  api<T>(path, { method: 'POST', body: body === undefined ? undefined : JSON.stringify(body) });
export const put = <T>(path: string, body: unknown) => api<T>(path, { method: 'PUT', body: JSON.stringify(body) });
export const patch = <T>(path: string, body: unknown) => api<T>(path, { method: 'PATCH', body: JSON.stringify(body) });
export const del = <T>(path: string) => api<T>(path, { method: 'DELETE' });

export async function login(email: string, password: string): Promise<Session> {
  const response = await fetch('/api/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new ApiError(response.status, await problemOf(response));
  const s = sessionFrom((await response.json()) as LoginResponse, email);
  setSession(s);
  return s;
}

export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const q = new URLSearchParams();
  Object.entries(params).forEach(([k, v]) => {
    if (v !== undefined && v !== null && v !== '' && v !== false) q.set(k, String(v));
  });
  const s = q.toString();
  return s ? `?${s}` : '';
}
