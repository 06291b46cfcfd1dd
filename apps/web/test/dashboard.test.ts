import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_TOKEN,
  VIEWER_TOKEN,
  connect,
  eventually,
  untilSubscribers,
} from '../../server/test/harness';
import { startLiveServer, type LiveServer } from '../../server/test/liveServer';
import { launchBrowser, type Browser } from './browser';
import { buildDashboard } from './buildDashboard';

const ARTIFACTS = fileURLToPath(
  new URL('../../../artifacts/', import.meta.url),
);

/** The promise: a change is on screen this fast, without reload. */
const LIVE_MS = 2000;

describe('dashboard in Chromium against the real server', () => {
  let dist: string;
  let live: LiveServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    dist = await buildDashboard();
    live = await startLiveServer({ webDist: dist });
    browser = await launchBrowser({ width: 1280, height: 900 });
    page = await browser.context.newPage();
    await mkdir(ARTIFACTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    // Any of these is undefined when beforeAll failed part way.
    const maybe = <T>(value: T) => value as T | undefined;
    await maybe(browser)?.close();
    await maybe(live)?.close();
    if (maybe(dist)) await rm(dist, { recursive: true, force: true });
  });

  it('asks for a token, then shows a card per service', async () => {
    await page.goto(live.app.url);
    await page.getByRole('heading', { name: 'Access token needed' }).waitFor();

    const input = page.getByRole('textbox', { name: 'Access token' });
    await input.fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('article[data-service]').nth(2).waitFor();

    expect(await page.locator('article[data-service]').count()).toBe(3);
    const jellyfin = card(page, 'jellyfin');
    expect(await jellyfin.getByTestId('status').innerText()).toContain('Up');
    expect(await jellyfin.getByTestId('response-time').innerText()).toBe(
      '42 ms',
    );
    expect(
      await jellyfin.getByRole('list', { name: 'Uptime' }).innerText(),
    ).toMatch(/24 h\s+100 %/);
    expect(await jellyfin.locator('.cert').innerText()).toBe('60 days');
    expect(
      await card(page, 'home-assistant').locator('.cert').innerText(),
    ).toMatch(/9 days/);
    expect(await page.evaluate(() => localStorage.length)).toBe(1);
    await indicator(page, 'live');
    // system.whoami says admin: the refresh control is there.
    await page.getByTestId('token-role').filter({ hasText: 'Admin' }).waitFor();
    await page.getByRole('button', { name: 'Refresh now' }).waitFor();
  });

  it('shows a transition and its toast within 2 s, without reload', async () => {
    const loadedAt = await page.evaluate(() => performance.timeOrigin);
    live.sim.beat(2, { status: 0, msg: 'Connection refused', ping: null });

    const plex = card(page, 'plex');
    await page
      .locator('article[data-service="plex"][data-status="down"]')
      .waitFor({ timeout: LIVE_MS });
    const toast = page.getByTestId('toast').filter({ hasText: 'Plex is down' });
    await toast.waitFor({ timeout: LIVE_MS });
    // The headline names the service; the reason follows, once.
    expect(await toast.locator('.toast__title').innerText()).toBe(
      'Plex is down',
    );
    expect(await toast.locator('.toast__message').innerText()).toBe(
      'Connection refused',
    );

    expect(await plex.getByTestId('status').innerText()).toContain('Down');
    expect(await plex.getByTestId('message').innerText()).toBe(
      'Connection refused',
    );
    expect(await page.evaluate(() => performance.timeOrigin)).toBe(loadedAt);
    const region = page.locator('[aria-live="polite"]');
    expect(await region.innerText()).toContain('Plex is down');
    await page.screenshot({
      path: `${ARTIFACTS}dashboard.png`,
      fullPage: true,
    });
  });

  it('refreshes with an admin token and shows the rate limit', async () => {
    const refresh = page.getByRole('button', { name: 'Refresh now' });
    await refresh.click();
    await page
      .getByTestId('refresh')
      .filter({ hasText: 'Refreshed' })
      .waitFor();

    await refresh.click();
    await page.getByTestId('refresh').filter({ hasText: 'too' }).waitFor();
    expect(await page.getByTestId('refresh').innerText()).toMatch(
      /Refreshed too often\. .*retry in \d+ s/,
    );
  });

  it('shows no refresh button to a viewer token', async () => {
    await page.getByTestId('token-role').click();
    await page
      .getByRole('textbox', { name: 'Access token' })
      .fill(VIEWER_TOKEN);
    await page.getByRole('button', { name: 'Save' }).click();
    // The role is known once the summary says so: no waiting on time.
    await page
      .getByTestId('token-role')
      .filter({ hasText: 'Viewer' })
      .waitFor();
    await page.locator('article[data-service]').nth(2).waitFor();
    expect(
      await page.getByRole('button', { name: 'Refresh now' }).count(),
    ).toBe(0);

    // Back to the admin token for the tests that follow.
    await page.getByTestId('token-role').click();
    await page.getByRole('textbox', { name: 'Access token' }).fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByTestId('token-role').filter({ hasText: 'Admin' }).waitFor();
    await page.getByRole('button', { name: 'Refresh now' }).waitFor();
  });

  it('says reconnecting while the server is down, and recovers', async () => {
    const port = live.app.port;
    await live.app.close();
    await indicator(page, 'reconnecting');

    live = await startLiveServer({ sim: live.sim, port, webDist: dist });
    await indicator(page, 'live', 20_000);

    live.sim.beat(2, { status: 1, msg: 'OK', ping: 80 });
    await page
      .locator('article[data-service="plex"][data-status="up"]')
      .waitFor({ timeout: 5000 });
  });

  it('toasts a notification published while its socket was away', async () => {
    // A fresh page has received no notification yet: only the position it
    // read from notifications.recent tells the server what it missed.
    await page.reload();
    await indicator(page, 'live');
    const api = connect(live.app, ADMIN_TOKEN);
    const { wss } = live.app;
    const refuse = (socket: { terminate(): void }) => socket.terminate();
    try {
      await untilSubscribers(api, 'notifications.onEvent', 1);
      // Keep the page away until the notification is in the feed.
      wss.prependListener('connection', refuse);
      for (const socket of wss.clients) socket.terminate();
      live.sim.beat(1, { status: 0, msg: 'Connection refused', ping: null });
      await eventually(async () => {
        const { items } = await api.notifications.recent.query();
        return items[0]?.title === 'Jellyfin is down';
      });
      wss.off('connection', refuse);

      const toast = page
        .getByTestId('toast')
        .filter({ hasText: 'Jellyfin is down' });
      await toast.waitFor({ timeout: 10_000 });
      expect(await toast.count()).toBe(1);
    } finally {
      wss.off('connection', refuse);
      await api.close();
    }
  });

  it('bundles no server code: the API types are imported as types', async () => {
    for (const code of await bundledScripts(dist)) {
      // Strings that only the server, status-core and kuma-client hold.
      expect(code).not.toContain('medianest_http_requests_total');
      expect(code).not.toContain('Invalid status config');
      expect(code).not.toContain('create a new KumaClient');
    }
  });

  it("bundles React's production build, as pnpm build does", async () => {
    // Only React's development JSX runtime exports jsxDEV. A boolean, so
    // that a failure does not print the whole bundle.
    const scripts = await bundledScripts(dist);
    expect(scripts.some((code) => code.includes('jsxDEV'))).toBe(false);
  });

  it('fits a phone screen in one column', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const widths = await page
      .locator('article[data-service]')
      .evaluateAll((cards) => cards.map((c) => c.getBoundingClientRect()));
    for (const box of widths) expect(box.right).toBeLessThanOrEqual(390);
    expect(new Set(widths.map((box) => Math.round(box.left))).size).toBe(1);
    await page.screenshot({ path: `${ARTIFACTS}dashboard-phone.png` });
  });
});

/** The text of every script in the build, at least one. */
async function bundledScripts(dist: string): Promise<string[]> {
  const assets = join(dist, 'assets');
  const files = (await readdir(assets)).filter((f) => f.endsWith('.js'));
  expect(files.length).toBeGreaterThan(0);
  return Promise.all(files.map((f) => readFile(join(assets, f), 'utf8')));
}

function card(page: Page, service: string) {
  return page.locator(`article[data-service="${service}"]`);
}

async function indicator(page: Page, state: string, timeout = 10_000) {
  await page
    .locator(`[data-testid="connection"][data-state="${state}"]`)
    .waitFor({ timeout });
}
