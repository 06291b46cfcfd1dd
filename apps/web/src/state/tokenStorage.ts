const KEY = 'medianest-status.token';

/** The saved access token, or an empty string. */
export function readToken(): string {
  try {
    return localStorage.getItem(KEY) ?? '';
  } catch {
    // Storage can be disabled (private mode, policies): work without it.
    return '';
  }
}

export function writeToken(token: string): void {
  try {
    if (token) localStorage.setItem(KEY, token);
    else localStorage.removeItem(KEY);
  } catch {
    // Same as above: the token then lasts for this page only.
  }
}
