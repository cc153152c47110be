import { FormEvent, useState } from 'react';
import { post, session, setSession } from '../api/client';
import { FieldError, ProblemBox } from '../ui/Problem';

/** Change one's own password; forced before anything else when the login said the password must change. */
export function ChangePasswordPage({ forced = false }: { forced?: boolean }) {
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (newPassword !== repeat) {
      setError(new Error('The two new passwords differ'));
      return;
    }
    try {
      await post('/api/users/me/password', { currentPassword, newPassword });
      setDone(true);
      const s = session();
      if (s?.passwordChangeRequired) setSession({ ...s, passwordChangeRequired: false });
    } catch (err) {
      setError(err);
    }
  }

  const form = (
    <form className="card narrow" onSubmit={submit} aria-label="Change password">
      <h1>{forced ? 'Choose your own password' : 'Change password'}</h1>
      {forced && <p>This account still has its first password. Choose a new one to continue.</p>}
      <label>
        Current password
        <input type="password" autoComplete="current-password" value={currentPassword} onChange={(e) => setCurrent(e.target.value)} required />
        <FieldError error={error} field="currentPassword" />
      </label>
      <label>
        New password
        <input type="password" autoComplete="new-password" value={newPassword} onChange={(e) => setNew(e.target.value)} required />
        <FieldError error={error} field="newPassword" />
      </label>
      <label>
        New password again
        <input type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} required />
      </label>
      <ProblemBox error={error} />
      {done && <p className="ok">Password changed.</p>}
      <button type="submit">Change password</button>
      {forced && (
        <button type="button" className="link" onClick={() => setSession(null)}>
          Sign out
        </button>
      )}
    </form>
  );
  return forced ? <div className="center-page">{form}</div> : <div className="page">{form}</div>;
}
