import { useSyncExternalStore } from 'react';
import { onSession, session } from '../api/client';

export function useSession() {
  return useSyncExternalStore(
    (cb) => onSession(() => cb()),
    session,
    session,
  );
}

export const canAct = (role?: string) => role === 'ADMIN' || role === 'AGENT';
export const canAnalyse = (role?: string) => role === 'ADMIN' || role === 'ANALYST';

/** Customers' names, numbers and messages are for those who serve them; analysts see analytics and pseudonyms. */
export const seesCustomers = canAct;
