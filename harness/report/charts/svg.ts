/** Minimal SVG building: escaping and a self-contained document wrapper (no fonts, no scripts). */

/** Escapes text for XML content and attribute values. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Rounds a coordinate so the SVG stays small and diffable. */
export function px(value: number): string {
  return String(Math.round(value * 10) / 10);
}

export function svgText(x: number, y: number, text: string, attributes = ''): string {
  return `<text x="${px(x)}" y="${px(y)}"${attributes === '' ? '' : ` ${attributes}`}>${escapeXml(text)}</text>`;
}

export function svgRect(x: number, y: number, width: number, height: number, fill: string, title?: string): string {
  const shape = `x="${px(x)}" y="${px(y)}" width="${px(Math.max(0, width))}" height="${px(height)}" fill="${fill}"`;
  return title === undefined ? `<rect ${shape}/>` : `<rect ${shape}><title>${escapeXml(title)}</title></rect>`;
}

/** A whole SVG document with a white background, generic font and an accessible title. */
export function svgDocument(width: number, height: number, title: string, body: readonly string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${px(width)}" height="${px(height)}" viewBox="0 0 ${px(width)} ${px(height)}" role="img" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect x="0" y="0" width="${px(width)}" height="${px(height)}" fill="#ffffff"/>`,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}

/** Rough width of text at the given font size (no font metrics without a renderer). */
export function textWidth(text: string, fontSize = 12): number {
  return text.length * fontSize * 0.6;
}

/** Header lines shared by every chart: title, and the scripted warning when it applies. */
export function chartHeader(title: string, scripted: boolean): { lines: string[]; height: number } {
  const lines = [svgText(16, 26, title, 'font-size="16" font-weight="bold" fill="#222222"')];
  if (!scripted) return { lines, height: 40 };
  lines.push(
    svgText(16, 46, 'Scripted backend — not a real model', 'font-size="12" font-weight="bold" fill="#b00020"'),
  );
  return { lines, height: 58 };
}

/** A row of legend swatches; returns the lines and the height it used. */
export function legend(
  x: number,
  y: number,
  maxWidth: number,
  items: ReadonlyArray<{ name: string; color: string }>,
): { lines: string[]; height: number } {
  const lines: string[] = [];
  let cx = x;
  let cy = y;
  for (const item of items) {
    const width = 18 + textWidth(item.name) + 16;
    if (cx + width > x + maxWidth && cx > x) {
      cx = x;
      cy += 18;
    }
    lines.push(svgRect(cx, cy, 12, 12, item.color), svgText(cx + 16, cy + 10, item.name, 'fill="#333333"'));
    cx += width;
  }
  return { lines, height: cy - y + 22 };
}
