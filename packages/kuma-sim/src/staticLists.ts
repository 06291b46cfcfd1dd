import type { SimContext } from './simContext';
import type { SimStatusPage } from './statusPageStore';
import { cloneJson, templatesFor } from './templates';
import { kumaTimeSeconds } from './time';

/** Lists of the simulated instance's setup, in the captured shapes. */
export interface StaticLists {
  preLoginInfo: Record<string, unknown>;
  postLoginInfo: Record<string, unknown>;
  monitorTypeList: unknown;
  apiKeyList: Record<string, unknown>[];
  statusPageList: Record<string, Record<string, unknown>>;
}

/**
 * The instance's lists: its status pages, and one API key where the
 * recorded instance had one (not on 3.0).
 */
export function staticLists(ctx: SimContext): StaticLists {
  const t = templatesFor(ctx.spec);
  const postLoginInfo = cloneJson(t.postLoginInfo);
  postLoginInfo.version = ctx.version;

  const apiKeyList = t.apiKey ? [cloneJson(t.apiKey)] : [];
  for (const apiKey of apiKeyList) {
    Object.assign(apiKey, {
      name: 'kuma-sim',
      createdDate: kumaTimeSeconds(ctx.startedAt),
    });
  }
  const statusPageList = Object.fromEntries(
    ctx.statusPages.all().map((page) => {
      const json = cloneJson(t.statusPage);
      Object.assign(json, pageFields(json, page));
      return [String(page.id), json];
    }),
  );

  return {
    preLoginInfo: cloneJson(t.preLoginInfo),
    postLoginInfo,
    monitorTypeList: cloneJson(t.monitorTypeList),
    apiKeyList,
    statusPageList,
  };
}

// Saved settings replace the template's values, but only for keys the
// list entry has: the list never shows e.g. `publicGroupList`.
function pageFields(
  template: Record<string, unknown>,
  page: SimStatusPage,
): Record<string, unknown> {
  const saved = Object.entries(page.config).filter(([key]) => key in template);
  return {
    ...Object.fromEntries(saved),
    id: page.id,
    slug: page.slug,
    title: page.title,
  };
}
