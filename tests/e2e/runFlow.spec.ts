import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { docker, imageExists, removeImage, requireEngine } from '../fixtures/dockerCli';
import { startFakeHub, type FakeHub } from '../fixtures/fakeHub';
import { pageUrl, startHarness, type RunningHarness } from '../fixtures/harness';
import { saveScreenshot } from '../fixtures/screenshots';
import { startThrottledProxy } from '../fixtures/throttledProxy';
import { freePort } from '../fixtures/freePort';

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

/** Containers Berth ran from redis: other engineers' suites share the engine, so not every container counts. */
const redisRunCount = () =>
  docker('ps', '-aq', '--filter', 'label=berth.run', '--filter', 'ancestor=redis').split('\n').filter(Boolean).length;

async function openRunDialogFromImages(page: Page, image: string, lang: 'en' | 'ko' = 'en') {
  await page.goto(pageUrl(harness, 'images', lang));
  // Podman's image list may name it docker.io/library/…: match the end.
  await page.locator(`[data-testid=image-row][data-image$="${image}"]`).first().getByTestId('image-run').click();
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
  // (9) The line that ran, and where the image came from: the testbed's engine pulls Docker Hub
  // images through its mirror (GET /info), and the page says so rather than "from Docker Hub".
  await expect(page.getByTestId('cli-transcript')).toContainText('$ docker run hello-world\n');
  await expect(page.getByTestId('step-hub')).toContainText(/Pulled through the mirror (http:\/\/)?127\.0\.0\.1:5000 /);
  await expect(page.getByTestId('step-hub')).not.toContainText('Pulled from Docker Hub');
  await expect(page.getByTestId('flow-hub-note')).toHaveText(/mirror (http:\/\/)?127\.0\.0\.1:5000/);
  await saveScreenshot(page, 'run-flow-first-en');
  const firstRun = await page.evaluate(() => location.hash.split('/')[2]);
  await page.goto(pageUrl(harness, `run/${firstRun}`, 'ko'));
  await expect(page.getByTestId('step-hub')).toContainText(
    /도커 서버에 설정된 도커 허브 미러 (http:\/\/)?127\.0\.0\.1:5000에서/,
  );
  await saveScreenshot(page, 'run-flow-first-ko');

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
    const before = redisRunCount();
    await openRunDialogFromImages(page, 'busybox:latest');

    await page.getByTestId('run-image').fill('Redis:Latest!!');
    // Said once the field is left, then kept up to date as it is typed.
    await expect(page.getByTestId('run-image')).toHaveAttribute('aria-invalid', 'false');
    await page.getByTestId('run-image').blur();
    await expect(page.getByTestId('run-dialog')).toContainText(
      'The tag after ":" may only have letters, digits, _ . - (up to 128).',
    );
    await page.getByTestId('run-image').fill('Redis');
    await expect(page.getByTestId('run-dialog')).toContainText('Image names are lowercase: try "redis".');
    await page.getByTestId('run-submit').click();
    expect(redisRunCount()).toBe(before);

    await page.getByTestId('run-image').fill('redis');
    await page.getByTestId('run-name').fill(clash);
    await expect(page.getByTestId('run-dialog')).toContainText(
      `The name "${clash}" is already used by another container.`,
    );
    await page.getByTestId('run-name').fill('');
    // redis EXPOSEs 6379: its row is there already; give it the taken host port.
    await expect(page.getByTestId('run-container-port')).toHaveValue('6379');
    await page.getByTestId('run-host-port').fill(String(takenPort));
    await expect(page.getByTestId('run-dialog')).toContainText(`Port ${takenPort} on this computer is already taken`);
    await saveScreenshot(page, 'run-dialog-port-taken-en');
    await page.getByTestId('run-submit').click();
    await expect(page.getByTestId('run-dialog')).toBeVisible();
    expect(redisRunCount()).toBe(before);
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
    await page.getByTestId('run-command').blur();
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

test('redis: its EXPOSEd port is offered, the run page shows the line that ran, a clash names the container', async ({
  page,
}) => {
  if (!imageExists('redis')) docker('pull', 'redis');
  const name = `berth-e2e-redis-${Date.now()}`;
  const port = await freePort();
  try {
    await openRunDialogFromImages(page, 'redis:latest');
    const image = await page.getByTestId('run-image').inputValue();
    // (7) The image EXPOSEs 6379: a row offers it, and nothing is red before anything is typed.
    await expect(page.getByTestId('run-container-port')).toHaveValue('6379');
    await expect(page.getByTestId('run-exposed-hint')).toContainText('6379/tcp');
    await expect(page.getByTestId('run-dialog').getByRole('alert')).toHaveCount(0);
    await page.getByTestId('run-name').fill(name);
    await page.getByTestId('run-host-port').fill(String(port));
    const line = `docker run -d --name ${name} -p 127.0.0.1:${port}:6379 ${image}`;
    await expect(page.getByTestId('run-command-preview')).toHaveText(`$ ${line}`);
    await page.getByTestId('run-name').blur();
    await saveScreenshot(page, 'run-dialog-exposed-en');
    await page.getByTestId('run-submit').click();

    // (9) The run page prints the line that ran, not `docker run redis`.
    const flow = page.getByTestId('run-flow');
    await expect(flow).toHaveAttribute('data-state', 'running', { timeout: 30_000 });
    await expect(page.getByTestId('cli-transcript')).toContainText(`$ ${line}\n`);
    await expect(page.getByTestId('run-title')).toHaveText(line);
    await expect(page.getByTestId('run-output')).toContainText('Ready to accept connections', { timeout: 30_000 });
    const runId = await page.evaluate(() => location.hash.split('/')[2]);
    await saveScreenshot(page, 'run-flow-redis-en');
    await page.goto(pageUrl(harness, `run/${runId}`, 'ko'));
    await expect(page.getByTestId('cli-transcript')).toContainText(`$ ${line}\n`);
    await saveScreenshot(page, 'run-flow-redis-ko');

    // (22) Another run on that host port is told which container holds it.
    await openRunDialogFromImages(page, 'redis:latest');
    await expect(page.getByTestId('run-container-port')).toHaveValue('6379');
    await page.getByTestId('run-host-port').fill(String(port));
    await expect(page.getByTestId('run-port-row')).toContainText(
      `Port ${port} on this computer is already taken (by container ${name}). Pick another host port.`,
    );
  } finally {
    docker('rm', '-f', name);
  }
});

test('Run with a mistake scrolls to it and focuses it; nothing is red before the field is left (en, ko)', async ({
  page,
}) => {
  await page.setViewportSize({ width: 900, height: 600 });
  for (const lang of ['en', 'ko'] as const) {
    await openRunDialogFromImages(page, 'busybox:latest', lang);
    // A new row is not red: its first field takes the focus.
    await page.getByTestId('run-add-env').click();
    const key = page.getByTestId('run-env-row').getByRole('textbox').first();
    await expect(key).toBeFocused();
    await key.fill('1BAD');
    await expect(key).toHaveAttribute('aria-invalid', 'false');
    await page.getByTestId('run-name').focus();
    await expect(key).toHaveAttribute('aria-invalid', 'true');
    // Away from it, Run brings it back into view with the focus.
    await page.getByTestId('run-image').focus();
    await page.getByTestId('run-submit').click();
    await expect(key).toBeFocused();
    await expect(key).toBeInViewport();
    await expect(page.getByTestId('run-env-row')).toContainText(
      lang === 'en'
        ? 'Letters, digits and _ only, not starting with a digit.'
        : '영문자, 숫자, _ 만 쓸 수 있고 숫자로 시작할 수 없어요.',
    );
    await saveScreenshot(page, `run-dialog-error-focused-${lang}`);
    if (lang === 'en') {
      await page.emulateMedia({ colorScheme: 'dark' });
      await saveScreenshot(page, 'run-dialog-error-focused-en-dark');
      await page.emulateMedia({ colorScheme: 'light' });
    }
  }
});

test('a folder that is a link to / is refused on its row, saying where it leads, before Run', async ({ page }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-link-'));
  const link = path.join(dir, 'innocent');
  fs.symlinkSync('/', link);
  try {
    await openRunDialogFromImages(page, 'busybox:latest');
    await page.getByTestId('run-add-volume').click();
    await page.getByTestId('run-volume-kind').selectOption('bind');
    await page.getByTestId('run-host-path').fill(link);
    await page.getByTestId('run-container-path').fill('/host');
    await page.getByTestId('run-bind-confirm').check();
    await expect(page.getByTestId('run-volume-row')).toContainText(
      `${link} leads to /. This is the whole disk of this computer`,
    );
    await expect(page.getByTestId('run-host-path')).toHaveAttribute('aria-invalid', 'true');
    await page.getByTestId('run-image').focus();
    await page.getByTestId('run-submit').click();
    await expect(page.getByTestId('run-host-path')).toBeFocused();
    await expect(page.getByTestId('run-dialog')).toBeVisible();
    await saveScreenshot(page, 'run-dialog-link-to-root-en');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('--restart always: the run page says the Docker server is restarting it (en, ko)', async ({ page }) => {
  const name = `berth-e2e-always-${Date.now()}`;
  try {
    await openRunDialogFromImages(page, 'busybox:latest');
    const image = await page.getByTestId('run-image').inputValue();
    await page.getByTestId('run-name').fill(name);
    await page.getByTestId('run-command').fill('echo hi');
    await page.getByTestId('run-restart').selectOption('always');
    await page.getByTestId('run-submit').click();
    const flow = page.getByTestId('run-flow');
    await expect(flow).toHaveAttribute('data-restarting', 'true', { timeout: 30_000 });
    await expect(page.getByTestId('cli-transcript')).toContainText(
      `$ docker run -d --name ${name} --restart always ${image} echo hi`,
    );
    await expect(page.getByTestId('run-state')).toHaveText('Restarting');
    await expect(page.getByTestId('run-next-step')).toContainText(
      'The container exited with code 0, and the Docker server is starting it again, as its restart policy “Always” says.',
    );
    await expect(page.getByTestId('run-next-step')).not.toContainText('did its job');
    await saveScreenshot(page, 'run-flow-restarting-en');
    const runId = await page.evaluate(() => location.hash.split('/')[2]);
    await page.goto(pageUrl(harness, `run/${runId}`, 'ko'));
    await expect(page.getByTestId('run-next-step')).toContainText('다시 시작 정책(항상)에 따라');
    await saveScreenshot(page, 'run-flow-restarting-ko');
  } finally {
    docker('rm', '-f', name);
  }
});
