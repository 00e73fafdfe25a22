/** index.html: the page's styles, data and script inlined, so it opens from disk with no network. */
import type { PageAssets } from './bundle-page.ts';
import type { HistoryData } from './view-model.ts';

/** JSON that is safe inside a <script> element: no "</script", "<!--" or U+2028/9 can end or confuse it. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** The whole page; `data` is read by the script from the #history-data element. */
export function renderIndexHtml(data: HistoryData, assets: PageAssets): string {
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
<script type="application/json" id="history-data">${scriptSafeJson(data)}</script>
<script>${assets.script.replace(/<\/script/gi, '<\\/script')}</script>
</body>
</html>
`;
}
