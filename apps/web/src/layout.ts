import { ApiError } from './api.js';
import './common.messages.js';
import { byId, h, replaceChildren } from './dom.js';
import { lang, onLanguage, setLang, t, translate } from './i18n.js';
import { homeOf, requireSession, signOut, type Role, type Session } from './session.js';

const PAGES: { href: string; key: string; roles: Role[] }[] = [
  { href: 'monitor.html', key: 'nav.monitor', roles: ['monitor', 'secretariat', 'admin'] },
  { href: 'unit.html', key: 'nav.unit', roles: ['unit', 'monitor', 'secretariat', 'admin'] },
  { href: 'secretariat.html', key: 'nav.secretariat', roles: ['secretariat'] },
];

/**
 * Starts a page: checks the session and the role, draws the header (navigation for the role,
 * who is signed in, language toggle, sign-out) and translates the static labels. Returns the
 * session, or undefined when the role may not use the page (a notice is shown instead).
 */
export function startPage(page: string, roles: Role[]): Session | undefined {
  const session = requireSession();
  drawHeader(session, page);
  translate();
  if (!roles.includes(session.role)) {
    const main = byId('main');
    onLanguage(() =>
      replaceChildren(
        main,
        h('p', { class: 'notice error', role: 'alert' }, t('common.wrongRole', { roles: roles.map((r) => t(`role.${r}`)).join(', '), role: t(`role.${session.role}`) })),
        h('p', {}, h('a', { href: homeOf(session.role) }, t('common.goHome'))),
      ),
    );
    return undefined;
  }
  return session;
}

function drawHeader(session: Session, page: string): void {
  const header = byId('app-header');
  const toggle = h('button', { type: 'button', class: 'link', 'data-i18n': 'nav.language', 'data-i18n-aria-label': 'nav.languageLabel', lang: lang() === 'vi' ? 'en' : 'vi' });
  toggle.addEventListener('click', () => {
    setLang(lang() === 'vi' ? 'en' : 'vi');
    toggle.lang = lang() === 'vi' ? 'en' : 'vi';
  });
  const out = h('button', { type: 'button', class: 'link', 'data-i18n': 'nav.signOut' });
  out.addEventListener('click', signOut);
  const links = PAGES.filter((p) => p.roles.includes(session.role)).map((p) =>
    h('li', {}, h('a', { href: p.href, 'data-i18n': p.key, 'aria-current': p.href === page ? 'page' : undefined })),
  );
  const who = h('span', { class: 'who' });
  onLanguage(() => (who.textContent = `${session.name ?? session.subject} · ${t(`role.${session.role}`)}${session.unitId ? ` · ${session.unitId}` : ''}`));
  replaceChildren(
    header,
    h('a', { class: 'brand', href: homeOf(session.role), 'data-i18n': 'app.title' }),
    h('nav', { 'data-i18n-aria-label': 'nav.main' }, h('ul', {}, ...links)),
    h('div', { class: 'session' }, who, toggle, out),
  );
}

/** A refusal or failure shown where the data would have been, in words a user understands. */
export function problemNotice(error: unknown): HTMLElement {
  if (error instanceof ApiError && (error.status === 403 || error.status === 401)) return h('p', { class: 'notice error', role: 'alert' }, t('common.forbidden', { code: error.code }));
  if (error instanceof ApiError && error.code === 'READ_MODEL.NOT_READY') return h('p', { class: 'notice', role: 'status' }, t('common.notReady'));
  const message = error instanceof Error ? error.message : String(error);
  return h('p', { class: 'notice error', role: 'alert' }, t('common.error', { message }));
}

/** A status as a labelled badge (colour plus words, never colour alone). */
export function statusBadge(status: string): HTMLElement {
  const badge = h('span', { class: `badge status-${status}` });
  onLanguage(() => (badge.textContent = t(`status.${status}`)));
  return badge;
}
