import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Page } from 'playwright-core';

/** The machine's Chromium (Debian's `chromium` package): playwright-core downloads no browser. */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Headless, no sandbox (tests run as root in containers), and quiet: no GPU, no QUIC, no
 * first-run, sync, component or background traffic, so a page under test is all the browser does.
 */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface RenderedPage<T> {
  /** `console.error` messages, and resources the page failed to load */
  consoleErrors: string[];
  /** uncaught exceptions thrown by the page's scripts */
  pageErrors: string[];
  /** the PNG written for the page */
  screenshot: string;
  /** what `inspect` returned */
  inspected: T;
}

/**
 * Opens a local HTML file in a fresh headless Chromium (its own user-data-dir, removed after),
 * waits for the page to load, lets `inspect` look at it, and takes a full-page screenshot.
 */
export async function renderPage<T = undefined>(
  htmlFile: string,
  opts: { screenshot: string; viewport?: { width: number; height: number }; inspect?: (page: Page) => Promise<T> },
): Promise<RenderedPage<T>> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'chromium-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: opts.viewport ?? { width: 1024, height: 768 },
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const consoleErrors: string[] = [];
    const pageErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(pathToFileURL(htmlFile).href, { waitUntil: 'load' });
    const inspected = (opts.inspect ? await opts.inspect(page) : undefined) as T;
    await page.screenshot({ path: opts.screenshot, fullPage: true });
    return { consoleErrors, pageErrors, screenshot: opts.screenshot, inspected };
  } finally {
    await context.close();
    await rm(userDataDir, { recursive: true, force: true });
  }
}
