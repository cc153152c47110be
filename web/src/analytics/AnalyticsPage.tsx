import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api, query } from '../api/client';
import { useAgentNames } from '../conversation/ConversationView';
import { ProblemBox } from '../ui/Problem';

interface Period {
  start: string;
  inbound?: { total?: number };
  outbound?: { messages?: number; delivered?: number; read?: number; failed?: number };
  conversations?: { episodes?: number; botContainmentRate?: number; firstResponse?: { medianSeconds?: number }; resolution?: { medianSeconds?: number } };
}

const day = (d: Date) => d.toISOString().slice(0, 10);

export default function AnalyticsPage() {
  const [from, setFrom] = useState(day(new Date(Date.now() - 13 * 86400_000)));
  const [to, setTo] = useState(day(new Date()));
  const range = { from, to };
  const overview = useQuery({
    queryKey: ['analytics', 'overview', from, to],
    queryFn: () => api<{ periods: Period[] }>(`/api/analytics/overview${query({ ...range, granularity: 'day' })}`),
  });
  const agents = useQuery({
    queryKey: ['analytics', 'agents', from, to],
    queryFn: () => api<{ agents: { agentId: string; assigned?: number; resolved?: number; openNow?: number }[] }>(`/api/analytics/agents${query(range)}`),
  });
  const templates = useQuery({
    queryKey: ['analytics', 'templates', from, to],
    queryFn: () => api<{ templates: Record<string, unknown>[] }>(`/api/analytics/templates${query(range)}`),
  });
  const periods = (overview.data?.periods ?? []).map((p) => ({
    day: p.start.slice(5, 10),
    inbound: p.inbound?.total ?? 0,
    outbound: p.outbound?.messages ?? 0,
    delivered: p.outbound?.delivered ?? 0,
    read: p.outbound?.read ?? 0,
    failed: p.outbound?.failed ?? 0,
    firstResponseMin: Math.round((p.conversations?.firstResponse?.medianSeconds ?? 0) / 6) / 10,
    resolutionMin: Math.round((p.conversations?.resolution?.medianSeconds ?? 0) / 6) / 10,
    containment: Math.round((p.conversations?.botContainmentRate ?? 0) * 100),
  }));
  const { names } = useAgentNames();
  const agentRows = (agents.data?.agents ?? []).map((a) => ({ ...a, agent: names[a.agentId] ?? a.agentId }));
  const templateRows = (templates.data?.templates ?? []).map((t) => ({
    name: String(t.name ?? t.templateName ?? ''),
    sent: Number(t.accepted ?? t.sent ?? 0),
    delivered: Number(t.delivered ?? 0),
    read: Number(t.read ?? 0),
    failed: Number(t.failed ?? 0),
  }));
  return (
    <div className="page analytics">
      <div className="page-head">
        <h1>Analytics</h1>
        <label>
          From <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          To <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
      </div>
      <ProblemBox error={overview.error} />
      <ProblemBox error={agents.error} />
      <ProblemBox error={templates.error} />
      <div className="charts">
        <Chart title="Messages per day">
          <BarChart data={periods}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="day" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Legend />
            <Bar dataKey="inbound" fill="#128c7e" />
            <Bar dataKey="outbound" fill="#34b7f1" />
          </BarChart>
        </Chart>
        <Chart title="Delivery of our messages">
          <LineChart data={periods}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="day" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Legend />
            <Line dataKey="delivered" stroke="#128c7e" />
            <Line dataKey="read" stroke="#34b7f1" />
            <Line dataKey="failed" stroke="#d9534f" />
          </LineChart>
        </Chart>
        <Chart title="Median times (minutes) and bot containment (%)">
          <LineChart data={periods}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="day" />
            <YAxis />
            <Tooltip />
            <Legend />
            <Line dataKey="firstResponseMin" name="first response" stroke="#f0ad4e" />
            <Line dataKey="resolutionMin" name="resolution" stroke="#5e35b1" />
            <Line dataKey="containment" name="containment %" stroke="#128c7e" />
          </LineChart>
        </Chart>
        <Chart title="Agents">
          <BarChart data={agentRows}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="agent" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Legend />
            <Bar dataKey="assigned" fill="#34b7f1" />
            <Bar dataKey="resolved" fill="#128c7e" />
            <Bar dataKey="openNow" fill="#f0ad4e" />
          </BarChart>
        </Chart>
        <Chart title="Templates">
          <BarChart data={templateRows}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="name" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Legend />
            <Bar dataKey="sent" fill="#34b7f1" />
            <Bar dataKey="delivered" fill="#128c7e" />
            <Bar dataKey="read" fill="#5e35b1" />
            <Bar dataKey="failed" fill="#d9534f" />
          </BarChart>
        </Chart>
      </div>
    </div>
  );
}

function Chart({ title, children }: { title: string; children: React.ReactElement }) {
  return (
    <section className="card chart">
      <h2>{title}</h2>
      <ResponsiveContainer width="100%" height={240}>
        {children}
      </ResponsiveContainer>
    </section>
  );
}
