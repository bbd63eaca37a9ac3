// The build reads the content layer's data store from disk instead of an inlined module (src/integrations/data-store.ts).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import dataStoreFromDisk from '../../src/integrations/data-store.ts';

type LoadHandler = (id: string) => { code: string; meta: Record<string, unknown> } | null;

/** The Vite plugin the integration adds for `command`, with a cache dir holding a data store or not. */
function pluginFor(
  command: 'build' | 'dev',
  withStore: boolean,
): { load: LoadHandler; storeFile: string } | undefined {
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'dpa-store-'));
  const storeFile = path.join(cacheDir, 'data-store.json');
  if (withStore) writeFileSync(storeFile, '[["Map"]]');
  let plugins: { load: { order: string; handler: LoadHandler } }[] = [];
  const setup = dataStoreFromDisk().hooks['astro:config:setup'] as (o: unknown) => void;
  setup({
    command,
    config: { cacheDir: pathToFileURL(`${cacheDir}/`) },
    updateConfig: (c: { vite: { plugins: typeof plugins } }) => (plugins = c.vite.plugins),
  });
  const plugin = plugins[0];
  if (!plugin) return undefined;
  expect(plugin.load.order).toBe('pre');
  return { load: plugin.load.handler, storeFile };
}

describe('data store read from disk', () => {
  it('replaces Astro’s inlined store module with a read of the store file, marked as content data', () => {
    const { load, storeFile } = pluginFor('build', true)!;
    const mod = load('\0astro:data-layer-content');
    expect(mod?.code).toContain(`const file = ${JSON.stringify(storeFile)};`);
    expect(mod?.code).toContain("readFileSync(file, 'utf8')");
    expect(mod?.code).not.toContain('Map');
    expect(mod?.meta).toEqual({ astroIncremental: { kind: 'content-data' } });
    expect(load('\0astro:content')).toBeNull();
    expect(load('astro:data-layer-content')).toBeNull();
  });

  it('leaves the module to Astro without a store file, and in dev', () => {
    expect(pluginFor('build', false)!.load('\0astro:data-layer-content')).toBeNull();
    expect(pluginFor('dev', true)).toBeUndefined();
  });
});

describe('the generated module', () => {
  it('exports the parsed store, and names the file when it cannot be read', async () => {
    const { load, storeFile } = pluginFor('build', true)!;
    const code = load('\0astro:data-layer-content')!.code;
    const dir = path.dirname(storeFile);
    const modFile = path.join(dir, 'store.mjs');
    writeFileSync(modFile, code);
    expect((await import(pathToFileURL(modFile).href)).default).toEqual([['Map']]);
    writeFileSync(storeFile, '[["Map"');
    await expect(import(`${pathToFileURL(modFile).href}?broken`)).rejects.toThrow(
      `${storeFile}: cannot read the content data store: `,
    );
  });
});
