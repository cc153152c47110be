import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { NavLink, Navigate, Route, Routes } from 'react-router-dom';
import { api, post, put } from '../api/client';
import type { ProcessorView, UserView } from '../api/types';
import { FieldError, ProblemBox } from '../ui/Problem';

export default function AdminPage() {
  return (
    <div className="page">
      <nav className="tabs">
        <NavLink to="/admin/users">Users</NavLink>
        <NavLink to="/admin/chatbot">Chatbot</NavLink>
        <NavLink to="/admin/projections">Projections</NavLink>
      </nav>
      <Routes>
        <Route index element={<Navigate to="users" replace />} />
        <Route path="users" element={<Users />} />
        <Route path="chatbot" element={<Chatbot />} />
        <Route path="projections" element={<Projections />} />
      </Routes>
    </div>
  );
}

function Users() {
  const client = useQueryClient();
  const users = useQuery({ queryKey: ['users'], queryFn: () => api<UserView[]>('/api/users') });
  const [form, setForm] = useState({ email: '', displayName: '', password: '', role: 'AGENT' });
  const create = useMutation({
    mutationFn: () => post('/api/users', form),
    onSuccess: () => {
      setForm({ email: '', displayName: '', password: '', role: 'AGENT' });
      client.invalidateQueries({ queryKey: ['users'] });
    },
  });
  const disable = useMutation({
    mutationFn: (id: string) => post(`/api/users/${id}/disable`),
    onSettled: () => client.invalidateQueries({ queryKey: ['users'] }),
  });
  return (
    <>
      <h1>Users</h1>
      <ProblemBox error={users.error} />
      <table className="grid">
        <thead>
          <tr><th>Name</th><th>Email</th><th>Role</th><th>State</th><th /></tr>
        </thead>
        <tbody>
          {(users.data ?? []).map((u) => (
            <tr key={u.id}>
              <td>{u.displayName}</td>
              <td>{u.email}</td>
              <td>{u.role}</td>
              <td>{u.enabled ? (u.available ? 'available' : 'enabled') : 'disabled'}</td>
              <td>{u.enabled && <button onClick={() => disable.mutate(u.id)}>Disable</button>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ProblemBox error={disable.error} />
      <form
        className="card"
        aria-label="New user"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <h2>New user</h2>
        {(['email', 'displayName', 'password'] as const).map((f) => (
          <label key={f}>
            {f === 'displayName' ? 'Name' : f[0].toUpperCase() + f.slice(1)}
            <input type={f === 'password' ? 'password' : 'text'} value={form[f]} onChange={(e) => setForm({ ...form, [f]: e.target.value })} />
            <FieldError error={create.error} field={f} />
          </label>
        ))}
        <label>
          Role
          <select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value })}>
            <option>AGENT</option>
            <option>ANALYST</option>
            <option>ADMIN</option>
          </select>
          <FieldError error={create.error} field="role" />
        </label>
        <ProblemBox error={create.error} />
        <button type="submit" className="primary">Create user</button>
      </form>
    </>
  );
}

/** The chatbot configuration as JSON, saved through the API, which names every field it refuses. */
function Chatbot() {
  const config = useQuery({ queryKey: ['chatbot-config'], queryFn: () => api<unknown>('/api/chatbot/config') });
  const [text, setText] = useState('');
  const [parseError, setParseError] = useState<string>();
  useEffect(() => {
    if (config.data) setText(JSON.stringify(config.data, null, 2));
  }, [config.data]);
  const save = useMutation({ mutationFn: (body: unknown) => put('/api/chatbot/config', body) });
  return (
    <>
      <h1>Chatbot configuration</h1>
      <ProblemBox error={config.error} />
      <div className="chatbot-editor">
        <textarea aria-label="Chatbot configuration" value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} rows={28} />
        <div>
          {parseError && <div className="problem">{parseError}</div>}
          <ProblemBox error={save.error} />
          {save.isSuccess && <p className="ok">Saved.</p>}
          <button
            className="primary"
            onClick={() => {
              try {
                setParseError(undefined);
                save.mutate(JSON.parse(text));
              } catch (e) {
                setParseError(`Not JSON: ${(e as Error).message}`);
              }
            }}
          >
            Save
          </button>
        </div>
      </div>
    </>
  );
}

function Projections() {
  const client = useQueryClient();
  const list = useQuery({
    queryKey: ['projections'],
    queryFn: () => api<ProcessorView[]>('/api/admin/projections'),
    refetchInterval: (q) => ((q.state.data ?? []).some((p) => p.replaying) ? 1000 : 5000),
  });
  const replay = useMutation({
    mutationFn: (name: string) => post(`/api/admin/projections/${encodeURIComponent(name)}/replay`),
    onSettled: () => client.invalidateQueries({ queryKey: ['projections'] }),
  });
  return (
    <>
      <h1>Projections</h1>
      <ProblemBox error={list.error} />
      <ProblemBox error={replay.error} />
      <table className="grid">
        <thead>
          <tr><th>Processor</th><th>Mode</th><th>State</th><th>Position</th><th>Lag</th><th>Replay</th><th /></tr>
        </thead>
        <tbody>
          {(list.data ?? []).map((p) => (
            <tr key={p.name}>
              <td>{p.name}</td>
              <td>{p.mode}</td>
              <td>{p.error ? 'error' : p.running ? 'running' : 'stopped'} ({p.segmentsClaimed}/{p.segmentsTotal})</td>
              <td>{p.position} / {p.head}</td>
              <td>{p.lag}</td>
              <td>
                {p.replaying ? (
                  <div className="progress small" role="progressbar" aria-valuenow={Math.round((p.replayProgress ?? 0) * 100)}>
                    <div className="bar" style={{ width: `${(p.replayProgress ?? 0) * 100}%` }} />
                    <span>{Math.round((p.replayProgress ?? 0) * 100)}%</span>
                  </div>
                ) : (
                  '—'
                )}
              </td>
              <td>
                {p.mode !== 'subscribing' && (
                  <button
                    disabled={p.replaying}
                    onClick={() => window.confirm(`Replay ${p.name}? Its read model is rebuilt from every event.`) && replay.mutate(p.name)}
                  >
                    Replay
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
