/** A small element builder: h('a', { href: '#/x', class: 'y' }, 'text', child). */

type Child = Node | string | null | undefined | false;
type AttrValue = string | number | boolean | null | undefined;
export type Attrs = Record<string, AttrValue | ((event: Event) => void)>;

/** Creates an element; `on…` attributes become listeners, true becomes an empty attribute, false/null are left out. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (typeof value === 'function') element.addEventListener(key.slice(2), value);
    else if (value === true) element.setAttribute(key, '');
    else if (value !== false && value !== null && value !== undefined) element.setAttribute(key, String(value));
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) element.append(child);
  return element;
}

/** A labelled <select> whose change calls `onPick` with the chosen value ('' for "all"). */
export function selectField(
  label: string,
  key: string,
  options: ReadonlyArray<{ value: string; text: string }>,
  selected: string,
  onPick: (value: string) => void,
): HTMLLabelElement {
  const select = h('select', {
    'data-key': key,
    onchange: (event) => onPick((event.target as HTMLSelectElement).value),
  });
  for (const option of options) {
    select.append(h('option', { value: option.value, selected: option.value === selected }, option.text));
  }
  return h('label', { class: 'field' }, h('span', {}, label), select);
}
