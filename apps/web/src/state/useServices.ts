import { useEffect, useReducer } from 'react';
import type { DashboardApi } from '../api/dashboardApi';
import type {
  ServiceStatusDto,
  StatusChangeDto,
} from '@medianest/status-client';
import {
  initialServicesState,
  servicesReducer,
  type ServicesState,
} from './servicesReducer';

export interface UseServicesOptions {
  api: DashboardApi;
  /** History entries that seed the sparklines, newest first. */
  history: StatusChangeDto[] | undefined;
  /** Answer of `status.list`: fills services the stream has not sent. */
  list: ServiceStatusDto[] | undefined;
  onEvent: () => void;
  onError: (error: unknown) => void;
}

/**
 * Current statuses from `status.onChange` (snapshot first, then changes)
 * and the sparkline samples from history plus the stream.
 */
export function useServices(options: UseServicesOptions): ServicesState {
  const { api, history, list, onEvent, onError } = options;
  const [state, dispatch] = useReducer(servicesReducer, initialServicesState);

  useEffect(() => {
    const subscription = api.onChange({
      onData: ({ id, status }) => {
        dispatch({ type: 'event', id, status, at: Date.now() });
        onEvent();
      },
      onError,
    });
    return () => subscription.unsubscribe();
  }, [api, onEvent, onError]);

  useEffect(() => {
    if (history) dispatch({ type: 'history', items: history });
  }, [history]);

  useEffect(() => {
    if (list) dispatch({ type: 'list', statuses: list, at: Date.now() });
  }, [list]);

  return state;
}
