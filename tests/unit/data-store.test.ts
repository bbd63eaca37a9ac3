// The build reads the content layer's data store from disk instead of an inlined module (src/integrations/data-store.ts).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import dataStoreFromDisk from '../../src/integrations/data-store.ts';
import { astroInternal } from '../../src/integrations/astro-internal.ts';

const ROOT = pathToFileURL(`${path.resolve(import.meta.dirname, '../..')}/`);

type LoadHandler = (id: string) => { code: string; meta: Record<string, unknown> } | null;

/** Temporary directories the tests made; each test removes its own. */
const tempDirs: string[] = [];
function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of tempDirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** The Vite plugin the integration adds for `command`, with a cache dir holding a data store or not. */
function pluginFor(
  command: 'build' | 'dev',
  withStore: boolean,
): { load: LoadHandler; storeFile: string } | undefined {
  const cacheDir = tempDir('dpa-store-');
  const storeFile = path.join(cacheDir, 'data-store.json');
  if (withStore) writeFileSync(storeFile, '[["Map"]]');
  let plugins: { load: { order: string; handler: LoadHandler } }[] = [];
  const setup = dataStoreFromDisk().hooks['astro:config:setup'] as (o: unknown) => void;
  setup({
    command,
    config: { cacheDir: pathToFileURL(`${cacheDir}/`), root: ROOT },
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

describe('the synced store, released when the build starts', () => {
  type Layer = { init: (o: unknown) => unknown; dispose: () => void; get: () => unknown };
  const layerOf = async () =>
    (await astroInternal<{ globalContentLayer: Layer }>(ROOT, 'content/instance.js'))?.globalContentLayer;
  /** As the sync leaves it (astro/dist/core/sync/index.js): a content layer holding the store. */
  const fill = (layer: Layer) => layer.init({ settings: {}, logger: {}, store: {} });

  afterEach(async () => {
    // Each test starts from the empty singleton a process starts with, whatever the one before it left.
    (await layerOf())?.dispose();
  });

  /** The integration's hooks run as a build would: config setup, then build start; returns what it warned. */
  async function startBuild(withStore: boolean, root = ROOT): Promise<string[]> {
    const cacheDir = tempDir('dpa-store-');
    if (withStore) writeFileSync(path.join(cacheDir, 'data-store.json'), '[["Map"]]');
    const hooks = dataStoreFromDisk().hooks;
    (hooks['astro:config:setup'] as (o: unknown) => void)({
      command: 'build',
      config: { cacheDir: pathToFileURL(`${cacheDir}/`), root },
      updateConfig: () => undefined,
    });
    const warnings: string[] = [];
    await (hooks['astro:build:start'] as (o: unknown) => Promise<void>)({
      logger: { warn: (m: string) => warnings.push(m) },
    });
    return warnings;
  }

  it('empties Astro’s content-layer singleton (the module this Astro version keeps it in)', async () => {
    const layer = await layerOf();
    // Fails when an Astro upgrade moves the singleton: the build would then warn and keep the store in memory.
    expect(typeof layer?.dispose).toBe('function');
    fill(layer!);
    expect(layer!.get()).not.toBeNull();
    expect(await startBuild(true)).toEqual([]);
    expect(layer!.get()).toBeNull();

    // Without a written store file this integration does not serve the store, and leaves Astro's copy alone.
    fill(layer!);
    expect(await startBuild(false)).toEqual([]);
    expect(layer!.get()).not.toBeNull();
  });

  it('warns, and releases nothing, where the singleton is not found or empty', async () => {
    // A root without Astro: the internal module cannot be loaded.
    const elsewhere = tempDir('dpa-root-');
    const warned = await startBuild(true, pathToFileURL(`${elsewhere}/`));
    expect(warned).toHaveLength(1);
    expect(warned[0]).toContain('its synced store stays in memory');
    // An empty singleton (another copy of the module than the one that synced) is said too.
    expect((await layerOf())!.get()).toBeNull();
    expect(await startBuild(true)).toEqual([expect.stringContaining('its synced store stays in memory')]);
  });
});
