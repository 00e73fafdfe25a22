/** The page's script and styles: page/main.ts bundled with uPlot from node_modules, and the CSS beside them. */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const pageDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'page');

export interface PageAssets {
  script: string;
  css: string;
}

/** Bundles the page for browsers (one IIFE, minified) and reads uPlot's and the page's CSS. */
export async function bundlePage(): Promise<PageAssets> {
  const result = await build({
    entryPoints: [path.join(pageDir, 'main.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    legalComments: 'inline',
    logLevel: 'silent',
  });
  const script = result.outputFiles[0]?.text;
  if (script === undefined) throw new Error('esbuild produced no page script');
  const uplotCss = createRequire(import.meta.url).resolve('uplot/dist/uPlot.min.css');
  const css = `${await readFile(uplotCss, 'utf8')}\n${await readFile(path.join(pageDir, 'page.css'), 'utf8')}`;
  return { script, css };
}
