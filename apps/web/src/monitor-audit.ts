import { get } from './api.js';
import { h, replaceChildren } from './dom.js';
import { dateTime, num } from './format.js';
import { onLanguage, t } from './i18n.js';

interface LastVerification {
  readonly verifiedAt: string;
  readonly events: number;
  readonly ok: boolean;
  readonly brokenCount: number;
}

/**
 * The audit badge: the outcome of the last walk of the hash chains (the worker's daily walk, or
 * one asked for), and a button to walk them again now. A broken chain is said in words and in red.
 */
export async function startAuditBadge(badge: HTMLElement): Promise<void> {
  let last: LastVerification | null = null;
  let busy = false;
  const draw = () => {
    badge.className = `audit ${last ? (last.ok ? 'ok' : 'broken') : 'unknown'}`;
    const text = !last
      ? t('monitor.audit.unknown')
      : last.ok
        ? t('monitor.audit.ok', { time: dateTime(last.verifiedAt), events: num(last.events) })
        : t('monitor.audit.broken', { count: last.brokenCount, time: dateTime(last.verifiedAt) });
    const button = h('button', { type: 'button', class: 'secondary', disabled: busy }, busy ? t('monitor.audit.verifying') : t('monitor.audit.verify'));
    button.addEventListener('click', () => void verifyNow());
    replaceChildren(badge, h('span', { 'data-audit': last ? (last.ok ? 'ok' : 'broken') : 'unknown' }, last?.ok ? '✔ ' : last ? '✖ ' : '', text), button);
  };
  const verifyNow = async () => {
    busy = true;
    draw();
    try {
      await get('/audit/verify');
      last = (await get<{ last: LastVerification | null }>('/audit/verify/last')).last;
    } finally {
      busy = false;
      draw();
    }
  };
  const reload = async () => {
    last = (await get<{ last: LastVerification | null }>('/audit/verify/last')).last;
    if (!busy) draw();
  };
  await reload();
  onLanguage(draw);
  // The worker walks the chains daily and at its start: pick up its outcome without a reload.
  window.setInterval(() => document.visibilityState === 'visible' && void reload().catch(() => undefined), 60_000);
}
