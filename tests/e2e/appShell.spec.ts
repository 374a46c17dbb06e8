import { expect, test } from '@playwright/test';
import WebSocket from 'ws';
import { pageUrl } from '../fixtures/harness';
import { harnessForSpec } from '../fixtures/specHarness';
import { saveScreenshot } from '../fixtures/screenshots';
import { EmptyState } from './pages/EmptyState';

const harness = harnessForSpec();

const sections = [
  { id: 'containers', en: 'Containers', ko: '컨테이너' },
  { id: 'images', en: 'Images', ko: '이미지' },
  { id: 'build', en: 'Build', ko: '빌드' },
  { id: 'lessons', en: 'Learn', ko: '레슨' },
  { id: 'hub', en: 'Docker Hub search', ko: '도커 허브 검색' },
  { id: 'installation', en: 'Installation check', ko: '설치 확인' },
  { id: 'settings', en: 'Settings', ko: '설정' },
] as const;

for (const lang of ['en', 'ko'] as const) {
  test(`every section has a sidebar entry and a next step (${lang})`, async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(pageUrl(harness(), 'containers', lang));
    for (const section of sections) {
      await page.getByRole('navigation').getByRole('link', { name: section[lang], exact: true }).click();
      await expect(page.locator('main')).toHaveAttribute('data-section', section.id);
      // Each screen says what it is (a heading) or, when it has nothing yet, offers one next step.
      // A heading, or an empty page's next step (an empty page may offer two: Docker Hub, or a name).
      await expect(page.getByRole('heading', { level: 1 }).or(new EmptyState(page).action).first()).toBeVisible();
      const text = await page.locator('body').innerText();
      expect(text, 'no raw translation key on screen').not.toMatch(
        /\b(nav|empty|installation|problem|engine|build|lessons)\.[a-z]/,
      );
    }
    await page.getByRole('link', { name: sections[0][lang], exact: true }).click();
    await saveScreenshot(page, `containers-empty-${lang}`);
    expect(errors).toEqual([]);
  });
}

test('the page carries a strict Content-Security-Policy', async ({ page }) => {
  await page.goto(pageUrl(harness(), 'installation'));
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("default-src 'none'");
  const directives = new Map(
    (csp ?? '').split(';').map((directive) => {
      const [name, ...values] = directive.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );
  expect(directives.get('script-src')).toEqual(["'self'"]);
  expect(directives.get('connect-src')).toEqual(["'self'"]);
  expect(directives.get('object-src')).toEqual(["'none'"]);
  expect(csp).not.toContain('unsafe-eval');
});

function upgradeStatus(url: string, origin: string): Promise<number | 'open'> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, { origin });
    socket.on('open', () => {
      socket.close();
      resolve('open');
    });
    socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.on('error', () => {});
  });
}

test('the harness() WebSocket refuses a wrong token and a foreign origin', async () => {
  const wsBase = harness().origin.replace('http:', 'ws:');
  expect(await upgradeStatus(`${wsBase}/ws?token=${harness().token}`, harness().origin)).toBe('open');
  expect(await upgradeStatus(`${wsBase}/ws?token=wrong`, harness().origin)).toBe(401);
  expect(await upgradeStatus(`${wsBase}/ws?token=${harness().token}`, 'http://evil.example')).toBe(403);
  expect(harness().origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
});
