import type { NotificationKind, StatusNotification } from '../api/types';

const TITLES: Record<NotificationKind, string> = {
  down: 'is down',
  recovered: 'recovered',
  degraded: 'is degraded',
  maintenance: 'is in maintenance',
  flapping: 'is flapping',
};

export interface ToastProps {
  notification: StatusNotification;
  onDismiss: (id: string) => void;
}

/** One notification; it leaves by itself or with its close button. */
export function Toast({ notification, onDismiss }: ToastProps) {
  const { id, kind, displayName, message } = notification;
  const title = `${displayName} ${TITLES[kind]}`;
  const detail = withoutTitle(message, title);
  return (
    <li className={`toast toast--${kind}`} data-testid="toast">
      <p className="toast__title">{title}</p>
      {detail && <p className="toast__message">{detail}</p>}
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

/** Server messages often repeat the title ("Plex is down: ..."): skip it. */
function withoutTitle(message: string, title: string): string {
  const prefix = `${title}: `;
  return message.startsWith(prefix) ? message.slice(prefix.length) : message;
}
