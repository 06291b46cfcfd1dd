import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFile(new URL(path, import.meta.url), 'utf8');

/*
 * The README's client examples live in `readmeExample.ts` files, where tsc
 * checks them against the real packages: the README must show that code.
 */
describe('README.md client examples', () => {
  it.each([
    ['Kuma client', '../../kuma-client/test/readmeExample.ts'],
    ['Status client', './readmeExample.ts'],
  ])('"%s" is the code of %s', async (section, file) => {
    const example = await read(file);
    const region = /\/\/ #region readme\n([\s\S]*?)\/\/ #endregion/.exec(
      example,
    )?.[1];
    expect(region).toBeTruthy();
    expect(await read('../../../README.md')).toContain(
      `## ${section}\n\n\`\`\`ts\n${region}\`\`\``,
    );
  });
});
