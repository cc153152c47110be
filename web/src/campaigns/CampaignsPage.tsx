import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, Route, Routes, useNavigate, useParams } from 'react-router-dom';
import { api, ApiError, post } from '../api/client';
import type { AudienceUploadResult, BusinessNumberView, CampaignProgress, CampaignRecipient, CampaignSummary, TemplateView } from '../api/types';
import { FieldError, ProblemBox } from '../ui/Problem';
import { fullTime } from '../ui/time';

export default function CampaignsPage() {
  return (
    <Routes>
      <Route index element={<CampaignList />} />
      <Route path="new" element={<NewCampaign />} />
      <Route path=":id" element={<CampaignDetail />} />
    </Routes>
  );
}

function CampaignList() {
  const list = useQuery({ queryKey: ['campaigns'], queryFn: () => api<CampaignSummary[]>('/api/campaigns?size=100'), refetchInterval: 5000 });
  return (
    <div className="page">
      <div className="page-head">
        <h1>Campaigns</h1>
        <Link className="button primary" to="/campaigns/new">
          New campaign
        </Link>
      </div>
      <ProblemBox error={list.error} />
      <table className="grid">
        <thead>
          <tr>
            <th>Name</th>
            <th>Template</th>
            <th>Status</th>
            <th>Recipients</th>
            <th>Sent</th>
            <th>Created</th>
          </tr>
        </thead>
        <tbody>
          {(list.data ?? []).map((c) => (
            <tr key={c.id}>
              <td>
                <Link to={`/campaigns/${c.id}`}>{c.name}</Link>
              </td>
              <td>{c.templateName}</td>
              <td>
                <span className={`status s-${c.status.toLowerCase()}`}>{c.status}</span>
              </td>
              <td>{c.recipients ?? 0}</td>
              <td>{c.sent ?? 0}</td>
              <td>{fullTime(c.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.data?.length === 0 && <div className="empty">No campaigns yet.</div>}
    </div>
  );
}

function NewCampaign() {
  const navigate = useNavigate();
  const templates = useQuery({ queryKey: ['templates'], queryFn: () => api<TemplateView[]>('/api/templates') });
  const approved = (templates.data ?? []).filter((t) => (t.status ?? '').toUpperCase() === 'APPROVED');
  const numbers = useQuery({ queryKey: ['numbers'], queryFn: () => api<BusinessNumberView[]>('/api/numbers') });
  const [from, setFrom] = useState('');
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState('');
  const [values, setValues] = useState<string[]>([]);
  const [tags, setTags] = useState('');
  const [phones, setPhones] = useState('');
  const template = approved.find((t) => `${t.name}|${t.language}` === chosen);
  const create = useMutation({
    mutationFn: () =>
      post<{ id: string }>('/api/campaigns', {
        name,
        template: template && { name: template.name, language: template.language, parameters: values.map((value) => ({ source: 'text', value })) },
        audience: {
          tags: tags.split(',').map((t) => t.trim()).filter(Boolean),
          phoneNumbers: phones.split(/[\s,]+/).map((p) => p.trim()).filter(Boolean),
        },
        phoneNumberId: from || undefined,
      }),
    onSuccess: (c) => navigate(`/campaigns/${c.id}`),
  });
  return (
    <div className="page">
      <form
        className="card"
        aria-label="New campaign"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <h1>New campaign</h1>
        <label>
          Name
          <input value={name} onChange={(e) => setName(e.target.value)} aria-label="Campaign name" />
          <FieldError error={create.error} field="name" />
        </label>
        <label>
          Template
          <select
            aria-label="Campaign template"
            value={chosen}
            onChange={(e) => {
              setChosen(e.target.value);
              const t = approved.find((x) => `${x.name}|${x.language}` === e.target.value);
              setValues(Array.from({ length: t?.bodyParameterCount ?? 0 }, () => ''));
            }}
          >
            <option value="">Choose an approved template…</option>
            {approved.map((t) => (
              <option key={`${t.name}|${t.language}`} value={`${t.name}|${t.language}`}>
                {t.name} ({t.language}, {t.category})
              </option>
            ))}
          </select>
          <FieldError error={create.error} field="template" />
          <FieldError error={create.error} field="template.name" />
        </label>
        {values.map((v, i) => (
          <label key={i}>
            Parameter {`{{${i + 1}}}`}
            <input value={v} onChange={(e) => setValues(values.map((x, j) => (j === i ? e.target.value : x)))} aria-label={`Campaign parameter ${i + 1}`} />
            <FieldError error={create.error} field={`template.parameters[${i}].value`} />
          </label>
        ))}
        <label>
          Audience: contacts with any of these tags (comma-separated)
          <input value={tags} onChange={(e) => setTags(e.target.value)} aria-label="Audience tags" />
          <FieldError error={create.error} field="audience.tags" />
        </label>
        <label>
          and/or these phone numbers
          <textarea value={phones} onChange={(e) => setPhones(e.target.value)} aria-label="Audience phone numbers" rows={3} />
          <FieldError error={create.error} field="audience" />
        </label>
        {(numbers.data?.length ?? 0) > 1 && (
          <label>
            Send from
            <select aria-label="Campaign number" value={from} onChange={(e) => setFrom(e.target.value)}>
              {numbers.data?.map((n) => (
                <option key={n.phoneNumberId} value={n.isDefault ? '' : n.phoneNumberId}>
                  {n.displayPhoneNumber ?? n.phoneNumberId}
                  {n.isDefault ? ' (default)' : ''}
                </option>
              ))}
            </select>
            <FieldError error={create.error} field="phoneNumberId" />
          </label>
        )}
        <p className="muted">A CSV of phone numbers can be uploaded on the campaign's page once it is created.</p>
        <ProblemBox error={create.error} />
        <button type="submit" className="primary" disabled={create.isPending}>
          Create campaign
        </button>
      </form>
    </div>
  );
}

const COUNTS = ['pending', 'queued', 'sent', 'delivered', 'read', 'failed', 'replied'] as const;

function CampaignDetail() {
  const { id } = useParams();
  const client = useQueryClient();
  const campaign = useQuery({
    queryKey: ['campaigns', id],
    queryFn: () => api<CampaignProgress>(`/api/campaigns/${id}`),
    // a campaign just created reaches its read model a moment later
    retry: (count, error) => error instanceof ApiError && error.status === 404 && count < 10,
    retryDelay: 500,
    refetchInterval: (q) => (['RUNNING', 'SCHEDULED'].includes(q.state.data?.status?.toUpperCase() ?? '') ? 1500 : 5000),
  });
  const numbers = useQuery({ queryKey: ['numbers'], queryFn: () => api<BusinessNumberView[]>('/api/numbers') });
  const recipients = useQuery({
    queryKey: ['campaigns', id, 'recipients'],
    queryFn: () => api<CampaignRecipient[]>(`/api/campaigns/${id}/recipients?size=200`),
    refetchInterval: 3000,
  });
  const [startAt, setStartAt] = useState('');
  const [upload, setUpload] = useState<AudienceUploadResult>();
  const act = useMutation({
    mutationFn: ({ path, body }: { path: string; body?: unknown }) => post(`/api/campaigns/${id}/${path}`, body),
    onSettled: () => client.invalidateQueries({ queryKey: ['campaigns'] }),
  });
  const uploadCsv = useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file);
      return api<AudienceUploadResult>(`/api/campaigns/${id}/audience`, { method: 'POST', body: form });
    },
    onSuccess: (r) => {
      setUpload(r);
      client.invalidateQueries({ queryKey: ['campaigns'] });
    },
  });
  const c = campaign.data;
  if (!c) return <div className="page"><ProblemBox error={campaign.error} />{campaign.isLoading && 'Loading…'}</div>;
  const p = c.progress ?? {};
  const total = p.recipients || p.entries || 0;
  // sent, delivered and read count everyone who got at least that far: sent and failed together are done
  const done = (p.sent ?? 0) + (p.failed ?? 0);
  const status = c.status.toUpperCase();
  // no number recorded: a campaign older than numbers, which sends from the default one
  const sender = (numbers.data ?? []).find((n) => (c.phoneNumberId ? n.phoneNumberId === c.phoneNumberId : n.isDefault));
  const from = sender?.displayPhoneNumber ?? sender?.phoneNumberId ?? c.phoneNumberId;
  return (
    <div className="page">
      <div className="page-head">
        <h1>{c.name}</h1>
        <span className={`status s-${c.status.toLowerCase()}`} data-testid="campaign-status">
          {c.status}
        </span>
      </div>
      <p className="muted">
        Template {c.content?.templateName} ({c.content?.language}){c.tags?.length ? ` · tags ${c.tags.join(', ')}` : ''}
        {' · '}
        <span data-testid="campaign-number">
          sends from {from ?? 'the default number'}
          {sender?.isDefault && from && ' (default)'}
        </span>
        {c.startAt && ` · starts ${fullTime(c.startAt)}`}
        {c.estimatedCompletionAt && ` · done about ${fullTime(c.estimatedCompletionAt)}`}
        {c.pauseReason && ` · paused: ${c.pauseReason}`}
        {c.waiting?.reason && ` · waiting: ${c.waiting.reason}`}
      </p>
      <div className="progress" role="progressbar" aria-valuenow={done} aria-valuemax={total} data-testid="campaign-progress">
        <div className="bar" style={{ width: total ? `${(100 * done) / total}%` : 0 }} />
        <span>
          {done} / {total}
        </span>
      </div>
      <div className="counts">
        {COUNTS.map((k) => (
          <div key={k} className="count-box" data-count={k}>
            <b>{p[k] ?? 0}</b> {k}
          </div>
        ))}
      </div>
      <div className="actions">
        {['DRAFT', 'SCHEDULED'].includes(status) && (
          <button className="primary" onClick={() => act.mutate({ path: 'start' })}>
            Start now
          </button>
        )}
        {status === 'DRAFT' && (
          <>
            <input type="datetime-local" value={startAt} onChange={(e) => setStartAt(e.target.value)} aria-label="Start at" />
            <button disabled={!startAt} onClick={() => act.mutate({ path: 'schedule', body: { startAt: new Date(startAt).toISOString() } })}>
              Schedule
            </button>
          </>
        )}
        {status === 'RUNNING' && <button onClick={() => act.mutate({ path: 'pause' })}>Pause</button>}
        {status === 'PAUSED' && <button onClick={() => act.mutate({ path: 'resume' })}>Resume</button>}
        {!['COMPLETED', 'CANCELLED'].includes(status) && <button onClick={() => act.mutate({ path: 'cancel' })}>Cancel</button>}
        {status === 'DRAFT' && (
          <label className="button">
            Upload CSV of phone numbers
            <input type="file" accept=".csv,text/csv" hidden onChange={(e) => e.target.files?.[0] && uploadCsv.mutate(e.target.files[0])} />
          </label>
        )}
      </div>
      <ProblemBox error={act.error} />
      <ProblemBox error={uploadCsv.error} />
      {upload && (
        <div className="card">
          <b>{upload.phoneNumbers}</b> phone numbers added, <b>{upload.rejected}</b> rows rejected.
          {upload.rejectedRows.length > 0 && (
            <table className="grid">
              <thead>
                <tr><th>Row</th><th>Value</th><th>Code</th><th>Reason</th></tr>
              </thead>
              <tbody>
                {upload.rejectedRows.map((r) => (
                  <tr key={r.row}><td>{r.row}</td><td>{r.phone}</td><td>{r.code}</td><td>{r.reason}</td></tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
      <h2>Recipients</h2>
      <table className="grid" data-testid="recipients">
        <thead>
          <tr><th>Recipient</th><th>Status</th><th>When</th><th>Reason</th></tr>
        </thead>
        <tbody>
          {(recipients.data ?? []).map((r, i) => (
            <tr key={r.contactId ?? r.entry ?? i}>
              <td>{r.conversationId ? <Link to={`/inbox/${r.conversationId}`}>{r.entry ?? r.contactId}</Link> : r.entry ?? r.contactId}</td>
              <td><span className={`status s-${r.status.toLowerCase()}`}>{r.status}</span></td>
              <td>{fullTime(r.statusAt)}</td>
              <td>{[r.errorCode, r.errorTitle, r.reason].filter(Boolean).join(' · ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
