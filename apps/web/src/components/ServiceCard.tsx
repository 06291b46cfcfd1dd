import type { ServiceStatusDto } from '@medianest/status-client';
import { formatMs } from '../format/formatters';
import { CertificateDays } from './CertificateDays';
import { RelativeTime } from './RelativeTime';
import { SourceBadge } from './SourceBadge';
import { Sparkline } from './Sparkline';
import { StatusBadge } from './StatusBadge';
import { UptimeList } from './UptimeList';

export interface ServiceCardProps {
  status: ServiceStatusDto;
  samples: readonly number[];
  now: number;
}

/** Everything known about one service. */
export function ServiceCard({ status, samples, now }: ServiceCardProps) {
  const headingId = `service-${status.service}`;
  return (
    <article
      className={`card card--${status.status}`}
      aria-labelledby={headingId}
      data-service={status.service}
      data-status={status.status}
    >
      <header className="card__head">
        <h3 id={headingId} className="card__name">
          {status.displayName}
        </h3>
        <StatusBadge status={status.status} />
      </header>

      <dl className="card__facts">
        <div className="fact fact--wide">
          <dt>Response time</dt>
          <dd className="response">
            <span data-testid="response-time">
              {formatMs(status.responseTime)}
            </span>
            <Sparkline values={samples} />
          </dd>
        </div>
        <div className="fact fact--wide">
          <dt>Uptime</dt>
          <dd>
            <UptimeList status={status} />
          </dd>
        </div>
        <div className="fact">
          <dt>Certificate</dt>
          <dd>
            <CertificateDays days={status.certDaysRemaining} />
          </dd>
        </div>
        <div className="fact">
          <dt>Last check</dt>
          <dd>
            <RelativeTime at={status.lastCheck} now={now} />
          </dd>
        </div>
      </dl>

      <footer className="card__foot">
        {status.message && (
          <p className="card__message" data-testid="message">
            {status.message}
          </p>
        )}
        <SourceBadge source={status.source} />
      </footer>
    </article>
  );
}
