import type { SimMonitorInit } from './types';

const SERVICES: [name: string, tag: string, url: string][] = [
  ['Jellyfin', 'media', 'http://jellyfin.lan:8096/health'],
  ['Sonarr', 'arr', 'http://sonarr.lan:8989/ping'],
  ['Radarr', 'arr', 'http://radarr.lan:7878/ping'],
  ['Prowlarr', 'arr', 'http://prowlarr.lan:9696/ping'],
  ['qBittorrent', 'downloads', 'http://qbittorrent.lan:8080/'],
  ['Home Assistant', 'home', 'http://homeassistant.lan:8123/'],
  ['Nextcloud', 'cloud', 'https://cloud.example.com/status.php'],
  ['Vaultwarden', 'security', 'https://vault.example.com/alive'],
  ['Pi-hole', 'network', 'http://pihole.lan/admin/'],
  ['Grafana', 'observability', 'http://grafana.lan:3000/api/health'],
  ['Immich', 'photos', 'http://immich.lan:2283/api/server/ping'],
  ['Paperless-ngx', 'documents', 'http://paperless.lan:8000/'],
  ['Gitea', 'dev', 'https://git.example.com/'],
  ['Tautulli', 'media', 'http://tautulli.lan:8181/status'],
  ['Audiobookshelf', 'media', 'http://abs.lan:13378/healthcheck'],
  ['Traefik', 'network', 'http://traefik.lan:8080/ping'],
];

const FALLBACK: [string, string, string] = ['Service', 'homelab', 'http://x/'];

/**
 * The MediaNest example services the demo looks up by name. Plex and the
 * API retry before they report DOWN, so the demo shows PENDING beats too.
 */
export const MEDIANEST_MONITORS: SimMonitorInit[] = [
  {
    ...medianest(
      'Plex Media Server',
      'http://plex.lan:32400/identity',
      'media',
    ),
    maxretries: 2,
  },
  medianest('Overseerr', 'http://overseerr.lan:5055/api/v1/status', 'media'),
  {
    ...medianest(
      'MediaNest API',
      'http://medianest.lan:4000/health',
      'medianest',
    ),
    maxretries: 1,
  },
  medianest(
    'MediaNest Frontend',
    'https://medianest.example.com/',
    'medianest',
  ),
];

function medianest(name: string, url: string, tag: string): SimMonitorInit {
  return { name, url, tags: [{ name: tag }], interval: 20 };
}

/**
 * `count` self-hosted services with tags; past the named list, numbered
 * copies keep names unique. A third fail at once, the others retry once or
 * twice first.
 */
export function demoMonitors(
  count: number,
  interval?: number,
): SimMonitorInit[] {
  return Array.from({ length: count }, (_, i) => {
    const [name, tag, url] = SERVICES[i % SERVICES.length] ?? FALLBACK;
    const round = Math.floor(i / SERVICES.length);
    return {
      name: round === 0 ? name : `${name} ${round + 1}`,
      url,
      tags: [{ name: tag }],
      interval: interval ?? 20 + (i % 4) * 10,
      maxretries: i % 3,
      history: 30,
    };
  });
}
