/**
 * Vietnamese labels by default, English on a toggle (kept in localStorage). Every page adds its
 * own messages; elements carry `data-i18n` (text), `data-i18n-placeholder`, `data-i18n-aria-label`
 * or `data-i18n-title` with a key, and are translated in place when the language changes.
 */

export type Lang = 'vi' | 'en';
export type Dict = Record<string, string>;

const tables: Record<Lang, Dict> = { vi: {}, en: {} };
const KEY = 'directive-engine.lang';

export function addMessages(messages: { vi: Dict; en: Dict }): void {
  Object.assign(tables.vi, messages.vi);
  Object.assign(tables.en, messages.en);
}

export function lang(): Lang {
  return localStorage.getItem(KEY) === 'en' ? 'en' : 'vi';
}

/** The message of `key` in the current language, with `{name}` placeholders filled in. */
export function t(key: string, params: Record<string, string | number> = {}): string {
  const text = tables[lang()][key] ?? tables.vi[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function translate(root: ParentNode = document): void {
  document.documentElement.lang = lang();
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) el.textContent = t(el.dataset.i18n!);
  for (const el of root.querySelectorAll<HTMLInputElement>('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder!);
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n-aria-label]')) el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel!));
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n-title]')) el.title = t(el.dataset.i18nTitle!);
}

const listeners: (() => void)[] = [];

/** Runs `render` now and again whenever the language changes (for text built by scripts). */
export function onLanguage(render: () => void): void {
  listeners.push(render);
  render();
}

export function setLang(next: Lang): void {
  localStorage.setItem(KEY, next);
  translate();
  for (const render of listeners) render();
}
