import type { NotificationDto } from '@medianest/status-client';

export interface ToastProps {
  notification: NotificationDto;
  onDismiss: (id: string) => void;
}

/** One notification; it leaves by itself or with its close button. */
export function Toast({ notification, onDismiss }: ToastProps) {
  const { id, kind, displayName, title, message } = notification;
  return (
    <li className={`toast toast--${kind}`} data-testid="toast">
      <p className="toast__title">{title}</p>
      {message && <p className="toast__message">{message}</p>}
      <button
        type="button"
        className="toast__close"
        onClick={() => onDismiss(id)}
        aria-label={`Dismiss notification about ${displayName}`}
      >
        <span aria-hidden="true">×</span>
      </button>
    </li>
  );
}
