import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { round, type Benchmark } from './types';

const GOAL_KB = 250;
const RENDERER_DIR = path.join('out', 'renderer');

/** The module scripts and modulepreload links of the built index.html, as paths inside out/renderer. */
function htmlScripts(html: string): string[] {
  const found: string[] = [];
  for (const match of html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)) found.push(match[1]!);
  for (const match of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) found.push(match[1]!);
  return found;
}

/**
 * The relative static imports of a built chunk (`import{a as b}from"./x.js"`, `import"./y.js"`).
 * Dynamic `import("./z.js")`, the lazy chunks, has a parenthesis after `import` and is not matched.
 */
function staticImports(code: string): string[] {
  const statement =
    /\bimport\s*(?:[\w$]+\s*,?\s*)?(?:\{[^}]*\}|\*\s*as\s*[\w$]+)?\s*(?:from\s*)?["'](\.{1,2}\/[^"']+)["']/g;
  return [...code.matchAll(statement)].map((match) => match[1]!);
}

/** Every script the first screen loads before it can run: the entry, what index.html preloads, and their static imports. */
function firstScreenScripts(rendererDir: string): string[] {
  const html = fs.readFileSync(path.join(rendererDir, 'index.html'), 'utf8');
  const seen = new Set<string>();
  const queue = htmlScripts(html).map((src) => path.resolve(rendererDir, src));
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const specifier of staticImports(fs.readFileSync(file, 'utf8'))) {
      if (specifier.startsWith('.')) queue.push(path.resolve(path.dirname(file), specifier));
    }
  }
  return [...seen];
}

/**
 * The language catalogs are lazy chunks (src/renderer/src/i18n) but the first screen loads one of
 * them before it paints: count the larger one (Korean), its static imports too.
 */
function catalogScripts(rendererDir: string): string[] {
  const assets = path.join(rendererDir, 'assets');
  const catalogs = fs
    .readdirSync(assets)
    .filter((name) => /^(en|ko)-[\w-]+\.js$/.test(name))
    .map((name) => path.join(assets, name));
  const largest = catalogs.sort((a, b) => gzippedBytes(b) - gzippedBytes(a))[0];
  if (!largest) throw new Error('no language catalog chunk (en-*.js, ko-*.js) in the build');
  return [
    largest,
    ...staticImports(fs.readFileSync(largest, 'utf8')).map((specifier) => path.resolve(assets, specifier)),
  ];
}

const gzippedBytes = (file: string) => gzipSync(fs.readFileSync(file), { level: 9 }).length;

/**
 * The gzipped size of the script the first screen needs (entry plus static imports, not the chunks
 * loaded when a heavy view is first opened), from a fresh `electron-vite build` into ./out.
 */
export const firstScreenSize: Benchmark = {
  name: 'first-screen-size',
  async run(context) {
    if (process.env.BENCH_SKIP_BUILD !== '1') {
      context.log('bench: first-screen-size: electron-vite build…');
      const build = spawnSync('npx', ['electron-vite', 'build'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      if (build.status !== 0) throw new Error(`electron-vite build failed: ${build.stderr || build.stdout}`);
    }
    const rendererDir = path.resolve(RENDERER_DIR);
    const firstScreen = [...new Set([...firstScreenScripts(rendererDir), ...catalogScripts(rendererDir)])];
    const allScripts = fs
      .readdirSync(path.join(rendererDir, 'assets'))
      .filter((name) => name.endsWith('.js'))
      .map((name) => path.join(rendererDir, 'assets', name));
    const firstKb = firstScreen.reduce((sum, file) => sum + gzippedBytes(file), 0) / 1024;
    const allKb = allScripts.reduce((sum, file) => sum + gzippedBytes(file), 0) / 1024;
    const value = round(firstKb, 1);
    const files = firstScreen.map((file) => path.relative(rendererDir, file));
    return {
      name: 'first-screen-size',
      goal: `< ${GOAL_KB} KB gzipped`,
      value,
      unit: 'KB',
      met: firstKb < GOAL_KB,
      details: {
        summary: `${value} KB gzipped (goal < ${GOAL_KB} KB); all scripts ${round(allKb, 1)} KB in ${allScripts.length} files`,
        notes: [
          `First screen: ${files.join(', ')}.`,
          'Gzip level 9 of the entry script, the modulepreload links of out/renderer/index.html and their static imports, plus the larger language catalog (each language is a chunk of its own; the first screen loads one before it paints); other lazy chunks not counted.',
        ],
        firstScreenFiles: files,
        allScriptsKb: round(allKb, 1),
        scriptFiles: allScripts.length,
      },
    };
  },
};
