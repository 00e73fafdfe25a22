/** index.html and history-data.js: the page with styles and script inlined and its data beside it; opens from disk. */
import type { PageAssets } from './bundle-page.ts';
import type { PackedHistory } from './view/packed.ts';
import type { HistoryData } from './view-model.ts';

/** JSON that is safe inside a <script> element: no "</script", "<!--" or U+2028/9 can end or confuse it. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** The global history-data.js sets, and the page reads. */
export const packedDataGlobal = 'benchHistoryPacked';

/** history-data.js: the packed history as one JSON.parse of a string (V8 parses that faster than an object literal). */
export function renderDataScript(packed: PackedHistory): string {
  return `var ${packedDataGlobal} = JSON.parse(${JSON.stringify(JSON.stringify(packed))});\n`;
}

/**
 * The whole page. `head` (historyHead) is inlined, so the leaderboard of the latest night draws at
 * once; the page then loads history-data.js beside it (a script, so it loads from disk too).
 */
export function renderIndexHtml(data: HistoryData, head: PackedHistory, assets: PageAssets): string {
  const scripted = data.nights.some((n) => n.scripted);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Nightly bench history — local LLMs behind Claude Code</title>
<style>${assets.css.replace(/<\/style/gi, '<\\/style')}</style>
</head>
<body${scripted ? ' class="scripted"' : ''}>
<noscript>This page needs JavaScript; the same data is in history.json beside it.</noscript>
<div id="app" aria-live="polite"></div>
<script type="application/json" id="history-head">${scriptSafeJson(head)}</script>
<script>${assets.script.replace(/<\/script/gi, '<\\/script')}</script>
</body>
</html>
`;
}
