import { ApiError } from '../api/client';

/** The API's problem detail, as the service wrote it, with its code. */
export function ProblemBox({ error }: { error: unknown }) {
  if (!error) return null;
  if (error instanceof ApiError) {
    const p = error.problem;
    return (
      <div className="problem" role="alert">
        <strong>{p.title ?? `Error ${error.status}`}</strong>
        {p.detail && <span> {p.detail}</span>}
        {p.code && <code className="code">{p.code}</code>}
        {p.errors && p.errors.length > 0 && (
          <ul>
            {p.errors.map((e, i) => (
              <li key={i}>
                {e.field && <b>{e.field}: </b>}
                {String(e.message ?? e.reason ?? e.detail ?? e.code ?? '')}
              </li>
            ))}
          </ul>
        )}
      </div>
    );
  }
  return (
    <div className="problem" role="alert">
      {error instanceof Error ? error.message : String(error)}
    </div>
  );
}

/** The API's message for one field, shown next to it. */
export function FieldError({ error, field }: { error: unknown; field: string }) {
  if (!(error instanceof ApiError)) return null;
  const message = error.fieldError(field);
  return message ? <span className="field-error" role="alert">{message}</span> : null;
}

export function fieldErrors(error: unknown): Set<string> {
  if (!(error instanceof ApiError)) return new Set();
  return new Set((error.problem.errors ?? []).map((e) => e.field ?? ''));
}
