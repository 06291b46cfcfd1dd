import { CERT_WARN_DAYS, formatCertDays } from '../format/formatters';

/** Days until the TLS certificate expires; highlighted when close. */
export function CertificateDays({ days }: { days: number | undefined }) {
  const warn = days !== undefined && days < CERT_WARN_DAYS;
  return (
    <span className={warn ? 'cert cert--warn' : 'cert'}>
      {warn && (
        <span className="cert__icon" aria-hidden="true">
          ⚠{' '}
        </span>
      )}
      {formatCertDays(days)}
      {warn && <span className="visually-hidden"> (expires soon)</span>}
    </span>
  );
}
