/** A status page as the simulator keeps it. */
export interface SimStatusPage {
  id: number;
  slug: string;
  title: string;
  /** Fields a client saved with `saveStatusPage` (description, footer…). */
  config: Record<string, unknown>;
}

/** One saved public group, with the id the server assigned. */
export interface SimPublicGroup {
  id: number;
  name: string;
  monitorList: unknown[];
  [key: string]: unknown;
}

/** Status pages and their public groups, ids counting from 1. */
export class StatusPageStore {
  private readonly pages: SimStatusPage[] = [];
  private readonly groups = new Map<string, SimPublicGroup[]>();
  private nextPageId = 1;
  private nextGroupId = 1;

  all(): readonly SimStatusPage[] {
    return this.pages;
  }

  find(slug: string): SimStatusPage | undefined {
    return this.pages.find((p) => p.slug === slug);
  }

  add(opts: { slug: string; title: string }): SimStatusPage {
    const page = { id: this.nextPageId++, ...opts, config: {} };
    this.pages.push(page);
    return page;
  }

  /**
   * Replaces a page's groups. Kuma deletes the groups it no longer sees and
   * gives each saved group a row id: a group sent with its `id` keeps it.
   */
  saveGroups(
    page: SimStatusPage,
    groups: readonly Record<string, unknown>[],
  ): SimPublicGroup[] {
    const saved = groups.map((group) => ({
      ...group,
      name: typeof group.name === 'string' ? group.name : '',
      monitorList: Array.isArray(group.monitorList) ? group.monitorList : [],
      id: typeof group.id === 'number' ? group.id : this.nextGroupId++,
    }));
    this.groups.set(page.slug, saved);
    return saved;
  }
}
