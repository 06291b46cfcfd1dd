import { useCallback, useEffect, useRef, useState } from 'react';
import type { DashboardApi } from '../api/dashboardApi';
import type { NotificationDto } from '@medianest/status-client';

/** How long a toast stays before it leaves by itself. */
export const TOAST_MS = 8000;
const MAX_TOASTS = 4;

export interface Toasts {
  toasts: NotificationDto[];
  dismiss: (id: string) => void;
}

/** Notifications from `notifications.onEvent`, each removed after a while. */
export function useToasts(
  api: DashboardApi,
  onError: (error: unknown) => void,
): Toasts {
  const [toasts, setToasts] = useState<NotificationDto[]>([]);
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());

  const dismiss = useCallback((id: string) => {
    clearTimeout(timers.current.get(id));
    timers.current.delete(id);
    setToasts((list) => list.filter((toast) => toast.id !== id));
  }, []);

  useEffect(() => {
    const subscription = api.onNotification({
      onData: (notification) => {
        setToasts((list) => [...list, notification].slice(-MAX_TOASTS));
        const timer = setTimeout(() => dismiss(notification.id), TOAST_MS);
        timers.current.set(notification.id, timer);
      },
      onError,
    });
    return () => subscription.unsubscribe();
  }, [api, dismiss, onError]);

  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach((timer) => clearTimeout(timer));
  }, []);

  return { toasts, dismiss };
}
