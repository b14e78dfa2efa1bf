import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { eventually } from './eventually.js';
import { ROOT } from './processes.js';

/** Debian's Chromium (`apt-get install chromium`); CHROMIUM_PATH overrides. `.ci/run` installs it. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where each page's screenshot is kept after a run (ignored by git; CI keeps it as an artifact). */
export const SCREENSHOTS = join(ROOT, 'test-artifacts', 'screenshots');

/**
 * Real headless Chromium. Fails (never skips) when the browser is missing, saying how to
 * install it. The flags keep it off the network: the machines have no internet, and Chromium's
 * background connections would otherwise be refused at every start.
 */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is missing at ${CHROMIUM}: install it with \`apt-get install chromium\` (Debian) or set CHROMIUM_PATH`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/** Signs in through the sign-in page's form, as a person would, and waits for the role's page. */
export async function signIn(page: Page, baseUrl: string, token: string, landing: RegExp): Promise<void> {
  await page.goto(`${baseUrl}/app/`);
  await page.getByLabel(/Mã truy cập|Access token/).fill(token);
  await page.getByRole('button', { name: /Đăng nhập|Sign in/ }).click();
  await page.waitForURL(landing);
}

/** Saves a full-page screenshot under test-artifacts/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Collects the page's console errors and uncaught exceptions, so a test can assert there were none. */
export function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return errors;
}

const matches = (value: string, expected: string | RegExp) => (typeof expected === 'string' ? value.includes(expected) : expected.test(value));

/**
 * Waits (with a deadline) until the first element of `locator` shows `expected` (a substring or a
 * pattern) and returns its text; fails naming the element and the last text seen. Pages fill in
 * asynchronously, so assertions on them poll.
 */
export async function shows(locator: Locator, expected: string | RegExp, timeoutMs = 10_000): Promise<string> {
  const read = () => locator.first().textContent({ timeout: 250 }).then((text) => text ?? '', () => '');
  return eventually(`${String(locator)} to show ${String(expected)}`, read, (text) => matches(text, expected), timeoutMs);
}

/** Waits until the first element of `locator` has attribute `name` matching `expected`. */
export async function hasAttribute(locator: Locator, name: string, expected: string | RegExp, timeoutMs = 10_000): Promise<string> {
  const read = () => locator.first().getAttribute(name, { timeout: 250 }).then((value) => value ?? '', () => '');
  const check = (value: string) => (typeof expected === 'string' ? value === expected : expected.test(value));
  return eventually(`${String(locator)} to have ${name}=${String(expected)}`, read, check, timeoutMs);
}
