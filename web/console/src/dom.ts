/** Attributes for `h`: strings set as attributes, `false`/`undefined` left out, `true` as empty. */
export type Attrs = Record<string, string | number | boolean | undefined>;

/** A child for `h`: text (escaped, never parsed as HTML), a node, or nothing. */
export type Child = Node | string | number | null | undefined | false;

function apply(element: Element, attrs: Attrs, children: Child[]): void {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'number' ? String(child) : child);
  }
}

/**
 * Creates an HTML element. Text goes in as text nodes, so data from the API can never inject
 * markup; the CSP forbids inline scripts and `style=` attributes anyway (sizes go through
 * `element.style`, see `setVars`).
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  apply(element, attrs, children);
  return element;
}

/** Creates an SVG element (charts), like `h`. */
export function s<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): SVGElementTagNameMap[K] {
  const element = document.createElementNS('http://www.w3.org/2000/svg', tag);
  apply(element, attrs, children);
  return element;
}

/** Sets CSS custom properties through the CSSOM, which the page's CSP allows (inline styles are refused). */
export function setVars<T extends HTMLElement | SVGElement>(
  element: T,
  vars: Record<string, string | number>,
): T {
  for (const [name, value] of Object.entries(vars)) element.style.setProperty(name, String(value));
  return element;
}

/** Looks up an element the page's HTML must contain; a missing one is a build defect. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from index.html`);
  return element as T;
}
