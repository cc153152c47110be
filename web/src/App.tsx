import { lazy, Suspense } from 'react';
import { Navigate, NavLink, Route, Routes, useLocation } from 'react-router-dom';
import { setSession } from './api/client';
import { canAct, canAnalyse, seesCustomers, useSession } from './auth/useSession';
import { LoginPage } from './auth/LoginPage';
import { ChangePasswordPage } from './auth/ChangePasswordPage';
import { InboxPage } from './inbox/InboxPage';
import { useLiveStream } from './live/useLiveStream';

const CampaignsPage = lazy(() => import('./campaigns/CampaignsPage'));
const AnalyticsPage = lazy(() => import('./analytics/AnalyticsPage'));
const AdminPage = lazy(() => import('./admin/AdminPage'));

export function App() {
  const s = useSession();
  const location = useLocation();
  if (!s) {
    return (
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="*" element={<Navigate to="/login" replace state={{ from: location.pathname }} />} />
      </Routes>
    );
  }
  if (s.passwordChangeRequired) return <ChangePasswordPage forced />;
  return <Shell />;
}

function Shell() {
  const s = useSession()!;
  const customers = seesCustomers(s.role);
  const home = customers ? '/inbox' : '/analytics';
  return (
    <div className="shell">
      <nav className="topbar">
        <span className="brand">DataCare</span>
        {customers && <NavLink to="/inbox">Inbox</NavLink>}
        {canAct(s.role) && <NavLink to="/campaigns">Campaigns</NavLink>}
        {canAnalyse(s.role) && <NavLink to="/analytics">Analytics</NavLink>}
        {s.role === 'ADMIN' && <NavLink to="/admin">Admin</NavLink>}
        <span className="spacer" />
        {customers && <LiveState />}
        <NavLink to="/settings/password" className="who" title="Change password">
          {s.name ?? s.email}
        </NavLink>
        <button className="link" onClick={() => setSession(null)}>
          Sign out
        </button>
      </nav>
      <main className="content">
        <Suspense fallback={<div className="loading">Loading…</div>}>
          <Routes>
            <Route path="/" element={<Navigate to={home} replace />} />
            <Route path="/login" element={<Navigate to={home} replace />} />
            <Route path="/inbox" element={customers ? <InboxPage /> : <Navigate to={home} replace />} />
            <Route path="/inbox/:conversationId" element={customers ? <InboxPage /> : <Navigate to={home} replace />} />
            <Route path="/campaigns/*" element={<CampaignsPage />} />
            <Route path="/analytics" element={<AnalyticsPage />} />
            <Route path="/admin/*" element={<AdminPage />} />
            <Route path="/settings/password" element={<ChangePasswordPage />} />
            <Route path="*" element={<div className="empty">No such page.</div>} />
          </Routes>
        </Suspense>
      </main>
    </div>
  );
}

/** The live stream carries customers' messages: only the roles that see customers follow it. */
function LiveState() {
  const live = useLiveStream();
  return (
    <span className={`live ${live}`} title={`Live updates: ${live}`} data-testid="live-state">
      ● {live}
    </span>
  );
}
