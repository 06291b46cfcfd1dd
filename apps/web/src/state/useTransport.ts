import { useEffect, useState } from 'react';
import type { DashboardApi, TransportState } from '../api/dashboardApi';

/** The WebSocket's state, following the client's connection events. */
export function useTransport(api: DashboardApi): TransportState {
  const [state, setState] = useState<TransportState>('connecting');
  useEffect(() => {
    const subscription = api.onTransport(setState);
    return () => subscription.unsubscribe();
  }, [api]);
  return state;
}
