import type { DialectSpec } from './dialects';
import { cloneJson, templatesFor } from './templates';
import type { SimCertInfo } from './types';

/**
 * The `certInfo` string: the captured TLS info with this certificate's
 * facts written into it, so the nested shape (issuerCertificate, Buffer
 * JSON, fingerprints) stays the real one.
 */
export function certInfoJson(spec: DialectSpec, cert: SimCertInfo): string {
  const info = cloneJson(templatesFor(spec).certInfo);
  const inner = asRecord(info.certInfo);
  const validTo = cert.validTo;

  inner.issuer = { CN: cert.issuer };
  inner.valid_to = opensslDate(validTo);
  inner.validTo = validTo.toISOString();
  inner.daysRemaining = cert.daysRemaining;
  inner.certType = cert.certType ?? 'server';
  info.valid = cert.valid;
  if ('hostnameMatchMonitorUrl' in info) {
    info.hostnameMatchMonitorUrl = cert.valid;
  }
  return JSON.stringify(info);
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object'
    ? (value as Record<string, unknown>)
    : {};
}

const MONTHS = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');

// OpenSSL's `valid_to` text, e.g. "Jan  2 16:13:07 2027 GMT".
function opensslDate(date: Date): string {
  const day = String(date.getUTCDate()).padStart(2, ' ');
  const time = date.toISOString().slice(11, 19);
  const month = MONTHS[date.getUTCMonth()] ?? 'Jan';
  return `${month} ${day} ${time} ${date.getUTCFullYear()} GMT`;
}
