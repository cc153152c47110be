export function shortTime(iso?: string | null, now = Date.now()): string {
  if (!iso) return '';
  const d = new Date(iso);
  const sameDay = new Date(now).toDateString() === d.toDateString();
  return sameDay
    ? d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
    : d.toLocaleDateString([], { day: 'numeric', month: 'short' });
}

export function fullTime(iso?: string | null): string {
  return iso ? new Date(iso).toLocaleString() : '';
}

/** "in 3 h", "5 min ago". */
export function relative(iso?: string | null, now = Date.now()): string {
  if (!iso) return '';
  const minutes = Math.round((new Date(iso).getTime() - now) / 60000);
  const abs = Math.abs(minutes);
  const text = abs < 60 ? `${abs} min` : abs < 48 * 60 ? `${Math.round(abs / 60)} h` : `${Math.round(abs / 1440)} d`;
  return minutes >= 0 ? `in ${text}` : `${text} ago`;
}

/** A delay in the largest whole unit: 3 h, 40 min. */
export function lateBy(seconds: number): string {
  if (seconds >= 86400) return `${Math.floor(seconds / 86400)} d`;
  if (seconds >= 3600) return `${Math.floor(seconds / 3600)} h`;
  return `${Math.max(1, Math.floor(seconds / 60))} min`;
}
