import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createDashboardApi } from './api/createDashboardApi';
import './styles.css';

// Defined once: App reconnects whenever this function's identity changes.
const createApi = (token: string) =>
  createDashboardApi({
    url: window.location.origin,
    ...(token ? { token } : {}),
  });

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App createApi={createApi} />
    </StrictMode>,
  );
}
