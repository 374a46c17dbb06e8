import net from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { docker, imageExists, removeImage, requireEngine } from '../fixtures/dockerCli';
import { startFakeHub, type FakeHub } from '../fixtures/fakeHub';
import { pageUrl, startHarness, type RunningHarness } from '../fixtures/harness';
import { saveScreenshot } from '../fixtures/screenshots';
import { startThrottledProxy } from '../fixtures/throttledProxy';

test.skip(!requireEngine.available, 'No Docker engine answers: run `npm run testbed` or start Docker.');

let hub: FakeHub;
let harness: RunningHarness;
test.beforeAll(async () => {
  docker('pull', 'busybox');
  hub = await startFakeHub();
  harness = await startHarness({ BERTH_HUB_URL: hub.url });
});
test.afterAll(async () => {
  await harness.stop();
  await hub.close();
});

const containerCount = () => docker('ps', '-aq').split('\n').filter(Boolean).length;

async function openRunDialogFromImages(page: Page, image: string) {
  await page.goto(pageUrl(harness, 'images'));
  await page.locator(`[data-testid=image-row][data-image="${image}"]`).getByTestId('image-run').click();
  await expect(page.getByTestId('run-dialog')).toBeVisible();
}

test('hello-world: the first run pulls from the Hub, the second finds it in the cache', async ({ page }) => {
  removeImage('hello-world');
  await page.goto(pageUrl(harness, 'hub'));
  await page.getByTestId('hub-search').fill('hello-world');
  await page.locator('[data-testid=hub-result][data-repo=hello-world]').getByTestId('hub-run').click();
  await expect(page.getByTestId('run-command-preview')).toHaveText('$ docker run hello-world');
  await page.getByTestId('run-submit').click();

  const flow = page.getByTestId('run-flow');
  await expect(flow).toHaveAttribute('data-state', 'exited', { timeout: 60_000 });
  await expect(flow).toHaveAttribute('data-cache-hit', 'false');
  await expect(page.getByTestId('flow-cache-note')).toHaveText('MISS');
  await expect(page.getByTestId('flow-hub')).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('cli-transcript')).toContainText("Unable to find image 'hello-world:latest' locally");
  await expect(page.getByTestId('cli-transcript')).toContainText(
    'Status: Downloaded newer image for hello-world:latest',
  );
  await expect(page.getByTestId('run-output')).toContainText('Hello from Docker!');
  await expect(page.getByTestId('run-state')).toHaveText('Exited with code 0');
  await saveScreenshot(page, 'run-flow-first-en');

  await openRunDialogFromImages(page, 'hello-world:latest');
  await page.getByTestId('run-submit').click();
  await expect(flow).toHaveAttribute('data-state', 'exited', { timeout: 30_000 });
  await expect(flow).toHaveAttribute('data-cache-hit', 'true');
  await expect(page.getByTestId('flow-cache-note')).toHaveText('HIT');
  await expect(page.getByTestId('flow-hub')).toHaveAttribute('data-state', 'skipped');
  await expect(page.getByTestId('step-hub')).toContainText('Skipped: the image was already in the cache.');
  await expect(page.getByTestId('run-output')).toContainText('Hello from Docker!');
  await saveScreenshot(page, 'run-flow-cache-hit-en');

  await page.goto(pageUrl(harness, `run/${await page.evaluate(() => location.hash.split('/')[2])}`, 'ko'));
  await expect(page.getByTestId('step-cache')).toContainText('이미지 캐시에 hello-world:latest 이미지가 있어요');
  await saveScreenshot(page, 'run-flow-cache-hit-ko');
});

test('a bad reference, a taken host port and a clashing name are caught inline, and nothing is created', async ({
  page,
}) => {
  const clash = `berth-e2e-clash-${Date.now()}`;
  docker('create', '--name', clash, 'busybox');
  const holder = net.createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  const takenPort = (holder.address() as net.AddressInfo).port;
  try {
    const before = containerCount();
    await openRunDialogFromImages(page, 'busybox:latest');

    await page.getByTestId('run-image').fill('Redis:Latest!!');
    await expect(page.getByTestId('run-dialog')).toContainText(
      'The tag after ":" may only have letters, digits, _ . - (up to 128).',
    );
    await page.getByTestId('run-image').fill('Redis');
    await expect(page.getByTestId('run-dialog')).toContainText('Image names are lowercase: try "redis".');
    await page.getByTestId('run-submit').click();
    expect(containerCount()).toBe(before);

    await page.getByTestId('run-image').fill('redis');
    await page.getByTestId('run-name').fill(clash);
    await expect(page.getByTestId('run-dialog')).toContainText(
      `The name "${clash}" is already used by another container.`,
    );
    await page.getByTestId('run-name').fill('');
    await page.getByTestId('run-add-port').click();
    await page.getByTestId('run-host-port').fill(String(takenPort));
    await page.getByTestId('run-container-port').fill('6379');
    await expect(page.getByTestId('run-dialog')).toContainText(`Port ${takenPort} on this computer is already taken`);
    await saveScreenshot(page, 'run-dialog-port-taken-en');
    await page.getByTestId('run-submit').click();
    await expect(page.getByTestId('run-dialog')).toBeVisible();
    expect(containerCount()).toBe(before);
  } finally {
    holder.close();
    docker('rm', '-f', clash);
  }
});

test('copies the exact docker run command', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openRunDialogFromImages(page, 'busybox:latest');
  await page.getByTestId('run-name').fill('my-box');
  await page.getByTestId('run-command').fill('sh -c "echo hi there"');
  await page.getByTestId('run-auto-remove').check();
  const expected = `docker run --rm --name my-box busybox:latest sh -c 'echo hi there'`;
  await expect(page.getByTestId('run-command-preview')).toHaveText(`$ ${expected}`);
  await page.getByTestId('copy-run-command').click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(expected);
});

test('the Command field refuses an open quote with its position; a missing folder is said on its row (en, ko)', async ({
  page,
}) => {
  const words = {
    en: {
      quote: 'The double quote (") at character 7 is never closed. Close it, or put a backslash before it.',
      missing: (folder: string) =>
        `The folder ${folder} does not exist on this computer. Create it first, or check the path.`,
    },
    ko: {
      quote: '7번째 글자의 큰따옴표(")가 닫히지 않았어요. 따옴표를 닫거나 앞에 백슬래시(\\)를 붙이세요.',
      missing: (folder: string) => `이 컴퓨터에 ${folder} 폴더가 없어요. 먼저 폴더를 만들거나 경로를 확인하세요.`,
    },
  };
  const folder = `/tmp/berth-e2e-missing-${Date.now()}`;
  for (const lang of ['en', 'ko'] as const) {
    await page.goto(pageUrl(harness, 'images', lang));
    // busybox:latest (Podman's image list may name it docker.io/library/busybox:latest).
    await page.locator('[data-testid=image-row][data-image$="busybox:latest"]').getByTestId('image-run').click();
    const dialog = page.getByTestId('run-dialog');
    await expect(dialog).toBeVisible();
    const image = await page.getByTestId('run-image').inputValue();

    // A shell would wait for the closing quote; the dialog says where it is missing.
    await page.getByTestId('run-command').fill('sh -c "echo hi');
    await expect(dialog).toContainText(words[lang].quote);
    await expect(page.getByTestId('run-command')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByTestId('run-command-preview')).toHaveCount(0);
    await page.getByTestId('run-command').scrollIntoViewIfNeeded();
    await saveScreenshot(page, `run-dialog-command-error-${lang}`);
    await page.getByTestId('run-command').fill(String.raw`sh -c "echo a\nb"`);
    await expect(page.getByTestId('run-command-preview')).toHaveText(
      String.raw`$ docker run ${image} sh -c 'echo a\nb'`,
    );

    // A folder with a ":" in its container path is copied as --mount, where the colon means nothing.
    await page.getByTestId('run-add-volume').click();
    await page.getByTestId('run-volume-kind').selectOption('bind');
    await page.getByTestId('run-host-path').fill(folder);
    await page.getByTestId('run-container-path').fill('/data:ro');
    await page.getByTestId('run-bind-confirm').check();
    await expect(page.getByTestId('run-command-preview')).toHaveText(
      `$ docker run --mount type=bind,source=${folder},target=/data:ro ${image} sh -c 'echo a\\nb'`,
    );
    await page.getByTestId('run-submit').click();
    await expect(page.getByTestId('run-volume-row')).toContainText(words[lang].missing(folder));
    await expect(page.getByTestId('run-host-path')).toHaveAttribute('aria-invalid', 'true');
    await expect(dialog).toBeVisible();
    await page.getByTestId('run-volume-row').scrollIntoViewIfNeeded();
    await saveScreenshot(page, `run-dialog-volume-missing-${lang}`);
    // The dialog's own check while typing does not take the sentence away.
    await expect(page.getByTestId('run-volume-row')).toContainText(words[lang].missing(folder));
  }
  // Nothing was created with the folder (other suites may create containers on the same engine).
  expect(docker('ps', '-aq', '--filter', `volume=${folder}`)).toBe('');
});

test('a pull cancelled mid-way leaves no image behind', async ({ page }) => {
  const proxy = await startThrottledProxy({ target: '127.0.0.1:5000', bytesPerSecond: 256 * 1024 });
  const reference = `${proxy.address}/library/redis:latest`;
  // Layers already in the cache would make the pull instant ("Already exists"): start without them.
  removeImage('redis');
  removeImage(reference);
  try {
    await openRunDialogFromImages(page, 'busybox:latest');
    await page.getByTestId('run-image').fill(reference);
    await page.getByTestId('run-submit').click();
    await expect(page.getByTestId('flow-hub')).toHaveAttribute('data-state', 'active', { timeout: 30_000 });
    const job = page.locator(`[data-testid=pull-job][data-reference="${reference}"]`).first();
    await expect(job.locator('[data-testid=pull-layer][data-layer-state=downloading]').first()).toBeVisible({
      timeout: 30_000,
    });
    await saveScreenshot(page, 'run-flow-pulling-en');

    await page.getByTestId('pulls-button').click();
    const panelJob = page.getByTestId('pulls-panel').locator(`[data-testid=pull-job][data-reference="${reference}"]`);
    await panelJob.getByTestId('pull-cancel').click();
    await expect(panelJob).toHaveAttribute('data-state', 'cancelled');
    await expect(page.getByTestId('run-flow')).toHaveAttribute('data-state', 'failed');
    expect(imageExists(reference)).toBe(false);
  } finally {
    await proxy.close();
    removeImage(reference);
  }
});
