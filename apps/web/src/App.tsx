import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { errorCode, type DashboardApi } from './api/dashboardApi';
import { Dashboard } from './Dashboard';
import { readToken, writeToken } from './state/tokenStorage';

export interface AppProps {
  createApi: (token: string) => DashboardApi;
}

interface Session {
  token: string;
  api: DashboardApi;
  queryClient: QueryClient;
}

/** Owns the token; a new token means a new connection and fresh state. */
export function App({ createApi }: AppProps) {
  const [token, setToken] = useState(readToken);
  const [session, setSession] = useState<Session | null>(null);

  useEffect(() => {
    const next = {
      token,
      api: createApi(token),
      queryClient: newQueryClient(),
    };
    setSession(next);
    return () => next.api.close();
  }, [createApi, token]);

  const saveToken = (value: string) => {
    writeToken(value);
    setToken(value);
  };

  // Between a token change and its new connection, render nothing stale.
  if (session?.token !== token) return null;
  return (
    <QueryClientProvider client={session.queryClient}>
      <Dashboard api={session.api} token={token} onToken={saveToken} />
    </QueryClientProvider>
  );
}

const FINAL_CODES = new Set(['UNAUTHORIZED', 'FORBIDDEN', 'TOO_MANY_REQUESTS']);

function newQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (failures, error) =>
          failures < 2 && !FINAL_CODES.has(errorCode(error) ?? ''),
        refetchOnWindowFocus: false,
      },
    },
  });
}
