import type { NotificationDto } from '@medianest/status-client';
import { Toast } from './Toast';

export interface ToastRegionProps {
  toasts: NotificationDto[];
  onDismiss: (id: string) => void;
}

/**
 * Always rendered, even empty, so screen readers already watch the live
 * region when the first notification arrives.
 */
export function ToastRegion({ toasts, onDismiss }: ToastRegionProps) {
  return (
    <section className="toasts" aria-label="Notifications">
      <ul className="toasts__list" aria-live="polite" aria-relevant="additions">
        {toasts.map((notification) => (
          <Toast
            key={notification.id}
            notification={notification}
            onDismiss={onDismiss}
          />
        ))}
      </ul>
    </section>
  );
}
