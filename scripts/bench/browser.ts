import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import { pageUrl, startHarness, type RunningHarness } from '../../tests/fixtures/harness';
import { buildIfNeeded } from '../harness/buildIfNeeded';

const projectRoot = path.resolve(__dirname, '../..');

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Polls an expression in the page until it is truthy. page.waitForFunction with a string evaluates
 * it with eval inside the page, which the renderer's CSP (script-src 'self') refuses; page.evaluate
 * goes through the DevTools protocol and is not subject to it.
 */
export async function waitInPage(page: Page, expression: string, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await page.evaluate(expression)) return;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The same window size for every benchmark that drives the renderer. */
export const VIEWPORT = { width: 1180, height: 760 };

export function chromiumPath(): string {
  const executablePath = process.env.BERTH_CHROMIUM ?? '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) throw new Error(`no Chromium at ${executablePath} (set BERTH_CHROMIUM)`);
  return executablePath;
}

export interface HarnessSession {
  harness: RunningHarness;
  browser: Browser;
  page: Page;
  /** The harness URL of a screen, in English. */
  url(section: string): string;
  /** A CDP session on the page (for heap figures), opened on first use. */
  cdp(): Promise<CDPSession>;
}

/**
 * The production renderer through the browser harness (the real backend, over the loopback
 * WebSocket) in headless Chromium: builds the renderer when out/ is stale, starts the harness with
 * the given environment, opens one page, runs `use`, and closes everything again.
 */
export async function withHarnessPage<T>(
  options: { env?: NodeJS.ProcessEnv; initScript?: string; extraArgs?: string[] },
  use: (session: HarnessSession) => Promise<T>,
): Promise<T> {
  const executablePath = chromiumPath();
  buildIfNeeded(projectRoot);
  const harness = await startHarness(options.env ?? {});
  try {
    const browser = await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS, ...(options.extraArgs ?? [])] });
    try {
      const page = await browser.newPage({ viewport: VIEWPORT });
      if (options.initScript) await page.addInitScript(options.initScript);
      let cdp: Promise<CDPSession> | null = null;
      return await use({
        harness,
        browser,
        page,
        url: (section) => pageUrl(harness, section),
        cdp: () => (cdp ??= page.context().newCDPSession(page)),
      });
    } finally {
      await browser.close();
    }
  } finally {
    await harness.stop();
  }
}
