import { plainError, reply } from './messages';
import type { Registrar } from './requests';
import type { SimContext } from './simContext';

// Lower-case words joined by single dashes, as Kuma's editor produces.
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Status page editing: `addStatusPage(title, slug)` and
 * `saveStatusPage(slug, config, imgDataUrl, publicGroupList)`. Neither
 * pushes a new `statusPageList`: clients see the page in the next burst.
 */
export function registerStatusPageHandlers(
  ctx: SimContext,
  on: Registrar,
): void {
  on.authed('addStatusPage', ([title, slug], ack) => {
    const cleanSlug = typeof slug === 'string' ? slug.trim().toLowerCase() : '';
    const error = addError(ctx, { title, slug: cleanSlug });
    if (error) return ack?.(plainError(error));
    ctx.statusPages.add({ slug: cleanSlug, title: String(title) });
    const extra = { slug: cleanSlug };
    ack?.(reply(ctx.spec, { ok: true, key: 'successAdded', extra }));
  });
  on.authed('saveStatusPage', ([slug, config, , groups], ack) => {
    const page = ctx.statusPages.find(String(slug));
    if (!page) {
      return ack?.(plainError(`no status page with slug "${String(slug)}"`));
    }
    const fields = isRecord(config) ? config : {};
    page.config = { ...fields };
    if (typeof fields.title === 'string') page.title = fields.title;
    const list = Array.isArray(groups) ? groups.filter(isRecord) : [];
    const publicGroupList = ctx.statusPages.saveGroups(page, list);
    ack?.({ ok: true, publicGroupList });
  });
}

function addError(
  ctx: SimContext,
  opts: { title: unknown; slug: string },
): string | undefined {
  if (typeof opts.title !== 'string' || opts.title.trim() === '') {
    return 'a status page needs a title';
  }
  if (!SLUG.test(opts.slug)) {
    return 'slug must be lower-case letters and digits joined by dashes';
  }
  if (ctx.statusPages.find(opts.slug)) {
    return `slug "${opts.slug}" is already used by another status page`;
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
