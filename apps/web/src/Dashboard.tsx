import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { errorCode, type DashboardApi } from './api/dashboardApi';
import { ConnectionIndicator } from './components/ConnectionIndicator';
import { HistoryTimeline } from './components/HistoryTimeline';
import { RefreshButton } from './components/RefreshButton';
import { ServiceGrid } from './components/ServiceGrid';
import { ToastRegion } from './components/ToastRegion';
import { TokenPanel } from './components/TokenPanel';
import { indicatorState } from './state/indicatorState';
import { useDashboardQueries } from './state/useDashboardQueries';
import { useNow } from './state/useNow';
import { useServices } from './state/useServices';
import { useToasts } from './state/useToasts';
import { useTransport } from './state/useTransport';

export interface DashboardProps {
  api: DashboardApi;
  token: string;
  onToken: (token: string) => void;
}

/** The page: header with connection and controls, cards, history, toasts. */
export function Dashboard({ api, token, onToken }: DashboardProps) {
  const queryClient = useQueryClient();
  const [refused, setRefused] = useState(false);
  const now = useNow();
  const transport = useTransport(api);
  const queries = useDashboardQueries(api);

  const onError = useCallback((error: unknown) => {
    if (errorCode(error) === 'UNAUTHORIZED') setRefused(true);
  }, []);
  const onEvent = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: ['status.history'] });
  }, [queryClient]);

  const services = useServices({
    api,
    history: queries.history.data,
    list: queries.list.data,
    onEvent,
    onError,
  });
  const { toasts, dismiss } = useToasts(api, onError);

  useEffect(() => {
    for (const query of Object.values(queries)) onError(query.error);
  }, [queries, onError]);

  useEffect(() => {
    // Back after a disconnect: what was fetched before may be outdated.
    if (transport === 'open') void queryClient.invalidateQueries();
  }, [transport, queryClient]);

  const indicator = indicatorState({
    transport,
    mode: queries.health.data?.mode,
    lastContactAt:
      Math.max(services.lastEventAt ?? 0, queries.health.dataUpdatedAt) || null,
    now,
  });

  return (
    <>
      <header className="top">
        <h1 className="top__title">MediaNest Status</h1>
        <div className="top__controls">
          <ConnectionIndicator state={indicator} />
          <RefreshButton api={api} role={queries.role.data} />
          {!refused && (
            <TokenPanel
              token={token}
              refused={false}
              onSave={onToken}
              role={queries.role.data}
            />
          )}
        </div>
      </header>

      <main className="page">
        {refused && <TokenPanel token={token} refused onSave={onToken} />}
        <section aria-labelledby="services-heading">
          <h2 id="services-heading">Services</h2>
          <ServiceGrid
            state={services}
            now={now}
            loading={queries.list.isPending && !refused}
          />
        </section>
        <HistoryTimeline items={queries.history.data} now={now} />
      </main>

      <ToastRegion toasts={toasts} onDismiss={dismiss} />
    </>
  );
}
