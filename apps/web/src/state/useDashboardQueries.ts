import { useQuery } from '@tanstack/react-query';
import type { DashboardApi } from '../api/dashboardApi';

/** How many history entries seed the sparklines and the timeline. */
export const HISTORY_LIMIT = 100;
const HEALTH_EVERY_MS = 10_000;

/** The request/response side of the dashboard, cached by TanStack Query. */
export function useDashboardQueries(api: DashboardApi) {
  const list = useQuery({
    queryKey: ['status.list'],
    queryFn: () => api.list(),
  });
  const history = useQuery({
    queryKey: ['status.history'],
    queryFn: async () => (await api.history({ limit: HISTORY_LIMIT })).items,
  });
  const health = useQuery({
    queryKey: ['system.health'],
    queryFn: () => api.health(),
    refetchInterval: HEALTH_EVERY_MS,
  });
  const role = useQuery({
    queryKey: ['role'],
    queryFn: () => api.role(),
  });
  return { list, history, health, role };
}
