import type { TokenRole } from '../api/dashboardApi';
import { TokenForm } from './TokenForm';

const ROLE_LABELS: Record<TokenRole, string> = {
  admin: 'Admin token',
  viewer: 'Viewer token',
  public: 'Token set',
};

export interface TokenPanelProps {
  token: string;
  /** The server answered UNAUTHORIZED to the current token (or none). */
  refused: boolean;
  onSave: (token: string) => void;
  /** What the server says the token is, once it has answered. */
  role?: TokenRole | null;
}

/**
 * A prominent form when the server wants a token, otherwise a collapsed
 * control for changing it.
 */
export function TokenPanel({ token, refused, onSave, role }: TokenPanelProps) {
  if (!refused) {
    const label = role ? ROLE_LABELS[role] : 'Token set';
    return (
      <details className="token-panel">
        <summary data-testid="token-role">
          {token ? label : 'Add token'}
        </summary>
        <TokenForm token={token} onSave={onSave} />
      </details>
    );
  }
  return (
    <section className="auth" aria-labelledby="auth-heading">
      <h2 id="auth-heading">Access token needed</h2>
      <p role="alert">
        {token
          ? 'The server refused this token. Check it, or ask for a new one.'
          : 'This server does not allow public reading. Enter a token.'}
      </p>
      <TokenForm token={token} onSave={onSave} />
    </section>
  );
}
