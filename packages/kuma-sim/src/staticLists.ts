import type { SimContext } from './simContext';
import { cloneJson, templatesFor } from './templates';
import { kumaTimeSeconds } from './time';

/** Lists the simulated instance never changes, in the captured shapes. */
export interface StaticLists {
  preLoginInfo: Record<string, unknown>;
  postLoginInfo: Record<string, unknown>;
  monitorTypeList: unknown;
  apiKeyList: Record<string, unknown>[];
  statusPageList: Record<string, Record<string, unknown>>;
}

/**
 * The instance's fixed lists: one status page, and one API key where the
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
  const statusPage = cloneJson(t.statusPage);
  Object.assign(statusPage, { slug: 'kuma-sim', title: 'Kuma Sim' });

  return {
    preLoginInfo: cloneJson(t.preLoginInfo),
    postLoginInfo,
    monitorTypeList: cloneJson(t.monitorTypeList),
    apiKeyList,
    statusPageList: ctx.freshInstall ? {} : { '1': statusPage },
  };
}
