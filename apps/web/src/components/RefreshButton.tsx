import { useMutation } from '@tanstack/react-query';
import {
  errorCode,
  errorMessage,
  type DashboardApi,
  type RefreshSummary,
  type TokenRole,
} from '../api/dashboardApi';

export interface RefreshButtonProps {
  api: DashboardApi;
  /** The caller's role; the button is only there for `admin`. */
  role: TokenRole | null | undefined;
}

/** Forces the server to re-read every monitor (admin tokens only). */
export function RefreshButton({ api, role }: RefreshButtonProps) {
  const mutation = useMutation({ mutationFn: () => api.refresh() });
  if (role !== 'admin') return null;

  // The token may have lost its admin role since `whoami` answered.
  const forbidden = errorCode(mutation.error) === 'FORBIDDEN';
  return (
    <div className="refresh">
      {!forbidden && (
        <button
          type="button"
          onClick={() => mutation.mutate()}
          disabled={mutation.isPending}
        >
          {mutation.isPending ? 'Refreshing…' : 'Refresh now'}
        </button>
      )}
      <p className="refresh__result" role="status" data-testid="refresh">
        {mutation.isSuccess && describeResult(mutation.data)}
        {mutation.isError && describeError(mutation.error)}
      </p>
    </div>
  );
}

function describeResult(result: RefreshSummary): string {
  const changes =
    result.changed === 1 ? '1 service changed' : `${result.changed} changed`;
  return `Refreshed: ${changes}.`;
}

function describeError(error: unknown): string {
  const code = errorCode(error);
  if (code === 'FORBIDDEN') return 'Refreshing needs an admin token.';
  if (code === 'TOO_MANY_REQUESTS') {
    return `Refreshed too often. ${errorMessage(error)}`;
  }
  if (code === 'UNAUTHORIZED') return 'The server refused the token.';
  return `Refresh failed: ${errorMessage(error)}`;
}
