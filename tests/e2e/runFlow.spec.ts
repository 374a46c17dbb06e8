import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { docker, imageExists, removeImage, removeRestartingContainer, requireEngine } from '../fixtures/dockerCli';
import { startFakeHub, type FakeHub } from '../fixtures/fakeHub';
import { pageUrl, startHarness, type RunningHarness } from '../fixtures/harness';
import { saveScreenshot } from '../fixtures/screenshots';
import { startThrottledProxy } from '../fixtures/throttledProxy';
import { freePort } from '../fixtures/freePort';
import { HubSearchPage } from './pages/HubSearchPage';
import { ImagesPage } from './pages/ImagesPage';
import { PullJob, PullsPanel } from './pages/PullsPanel';
import { RunDialog } from './pages/RunDialog';
import { RunFlowPage } from './pages/RunFlowPage';

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
  await new ImagesPage(page).runButtonOf(new ImagesPage(page).rowsEndingWith(image).first()).click();
  await expect(new RunDialog(page).root).toBeVisible();
}

test('hello-world: the first run pulls from the Hub, the second finds it in the cache', async ({ page }) => {
  removeImage('hello-world');
  await page.goto(pageUrl(harness, 'hub'));
  await new HubSearchPage(page).search.fill('hello-world');
  await new HubSearchPage(page).result('hello-world').run.click();
  await expect(new RunDialog(page).commandPreview).toHaveText('$ docker run hello-world');
  await new RunDialog(page).submit.click();

  const flow = new RunFlowPage(page).root;
  await expect(flow).toHaveAttribute('data-state', 'exited', { timeout: 60_000 });
  await expect(flow).toHaveAttribute('data-cache-hit', 'false');
  await expect(new RunFlowPage(page).flow('cache-note')).toHaveText('MISS');
  await expect(new RunFlowPage(page).flow('hub')).toHaveAttribute('data-state', 'done');
  await expect(new RunFlowPage(page).cliTranscript).toContainText("Unable to find image 'hello-world:latest' locally");
  await expect(new RunFlowPage(page).cliTranscript).toContainText(
    'Status: Downloaded newer image for hello-world:latest',
  );
  await expect(new RunFlowPage(page).output).toContainText('Hello from Docker!');
  await expect(new RunFlowPage(page).state).toHaveText('Exited with code 0');
  // (9) The line that ran, and where the image came from: the testbed's engine pulls Docker Hub
  // images through its mirror (GET /info), and the page says so rather than "from Docker Hub".
  await expect(new RunFlowPage(page).cliTranscript).toContainText('$ docker run hello-world\n');
  await expect(new RunFlowPage(page).step('hub')).toContainText(
    /Pulled through the mirror (http:\/\/)?127\.0\.0\.1:5000 /,
  );
  await expect(new RunFlowPage(page).step('hub')).not.toContainText('Pulled from Docker Hub');
  await expect(new RunFlowPage(page).flow('hub-note')).toHaveText(/mirror (http:\/\/)?127\.0\.0\.1:5000/);
  await saveScreenshot(page, 'run-flow-first-en');
  const firstRun = await page.evaluate(() => location.hash.split('/')[2]);
  await page.goto(pageUrl(harness, `run/${firstRun}`, 'ko'));
  await expect(new RunFlowPage(page).step('hub')).toContainText(
    /도커 서버에 설정된 도커 허브 미러 (http:\/\/)?127\.0\.0\.1:5000에서/,
  );
  await saveScreenshot(page, 'run-flow-first-ko');

  await openRunDialogFromImages(page, 'hello-world:latest');
  await new RunDialog(page).submit.click();
  await expect(flow).toHaveAttribute('data-state', 'exited', { timeout: 30_000 });
  await expect(flow).toHaveAttribute('data-cache-hit', 'true');
  await expect(new RunFlowPage(page).flow('cache-note')).toHaveText('HIT');
  await expect(new RunFlowPage(page).flow('hub')).toHaveAttribute('data-state', 'skipped');
  await expect(new RunFlowPage(page).step('hub')).toContainText('Skipped: the image was already in the cache.');
  await expect(new RunFlowPage(page).output).toContainText('Hello from Docker!');
  await saveScreenshot(page, 'run-flow-cache-hit-en');

  await page.goto(pageUrl(harness, `run/${await page.evaluate(() => location.hash.split('/')[2])}`, 'ko'));
  await expect(new RunFlowPage(page).step('cache')).toContainText('이미지 캐시에 hello-world:latest 이미지가 있어요');
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

    await new RunDialog(page).image.fill('Redis:Latest!!');
    // Said once the field is left, then kept up to date as it is typed.
    await expect(new RunDialog(page).image).toHaveAttribute('aria-invalid', 'false');
    await new RunDialog(page).image.blur();
    await expect(new RunDialog(page).root).toContainText(
      'The tag after ":" may only have letters, digits, _ . - (up to 128).',
    );
    await new RunDialog(page).image.fill('Redis');
    await expect(new RunDialog(page).root).toContainText('Image names are lowercase: try "redis".');
    await new RunDialog(page).submit.click();
    expect(redisRunCount()).toBe(before);

    await new RunDialog(page).image.fill('redis');
    await new RunDialog(page).name.fill(clash);
    await expect(new RunDialog(page).root).toContainText(`The name "${clash}" is already used by another container.`);
    await new RunDialog(page).name.fill('');
    // redis EXPOSEs 6379: its row is there already; give it the taken host port.
    await expect(new RunDialog(page).containerPort).toHaveValue('6379');
    await new RunDialog(page).hostPort.fill(String(takenPort));
    await expect(new RunDialog(page).root).toContainText(`Port ${takenPort} on this computer is already taken`);
    await saveScreenshot(page, 'run-dialog-port-taken-en');
    await new RunDialog(page).submit.click();
    await expect(new RunDialog(page).root).toBeVisible();
    expect(redisRunCount()).toBe(before);
  } finally {
    holder.close();
    docker('rm', '-f', clash);
  }
});

test('copies the exact docker run command', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openRunDialogFromImages(page, 'busybox:latest');
  await new RunDialog(page).name.fill('my-box');
  await new RunDialog(page).command.fill('sh -c "echo hi there"');
  await new RunDialog(page).autoRemove.check();
  const expected = `docker run --rm --name my-box busybox:latest sh -c 'echo hi there'`;
  await expect(new RunDialog(page).commandPreview).toHaveText(`$ ${expected}`);
  await new RunDialog(page).copyCommand.click();
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
    await new ImagesPage(page).runButtonOf(new ImagesPage(page).rowsEndingWith('busybox:latest')).click();
    const dialog = new RunDialog(page).root;
    await expect(dialog).toBeVisible();
    const image = await new RunDialog(page).image.inputValue();

    // A shell would wait for the closing quote; the dialog says where it is missing.
    await new RunDialog(page).command.fill('sh -c "echo hi');
    await new RunDialog(page).command.blur();
    await expect(dialog).toContainText(words[lang].quote);
    await expect(new RunDialog(page).command).toHaveAttribute('aria-invalid', 'true');
    await expect(new RunDialog(page).commandPreview).toHaveCount(0);
    await new RunDialog(page).command.scrollIntoViewIfNeeded();
    await saveScreenshot(page, `run-dialog-command-error-${lang}`);
    await new RunDialog(page).command.fill(String.raw`sh -c "echo a\nb"`);
    await expect(new RunDialog(page).commandPreview).toHaveText(String.raw`$ docker run ${image} sh -c 'echo a\nb'`);

    // A folder with a ":" in its container path is copied as --mount, where the colon means nothing.
    await new RunDialog(page).addVolume.click();
    await new RunDialog(page).volumeKind.selectOption('bind');
    await new RunDialog(page).hostPath.fill(folder);
    await new RunDialog(page).containerPath.fill('/data:ro');
    await new RunDialog(page).bindConfirm.check();
    await expect(new RunDialog(page).commandPreview).toHaveText(
      `$ docker run --mount type=bind,source=${folder},target=/data:ro ${image} sh -c 'echo a\\nb'`,
    );
    await new RunDialog(page).submit.click();
    await expect(new RunDialog(page).volumeRows).toContainText(words[lang].missing(folder));
    await expect(new RunDialog(page).hostPath).toHaveAttribute('aria-invalid', 'true');
    await expect(dialog).toBeVisible();
    await new RunDialog(page).volumeRows.scrollIntoViewIfNeeded();
    await saveScreenshot(page, `run-dialog-volume-missing-${lang}`);
    // The dialog's own check while typing does not take the sentence away.
    await expect(new RunDialog(page).volumeRows).toContainText(words[lang].missing(folder));
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
    await new RunDialog(page).image.fill(reference);
    await new RunDialog(page).submit.click();
    await expect(new RunFlowPage(page).flow('hub')).toHaveAttribute('data-state', 'active', { timeout: 30_000 });
    const job = new PullJob(new PullsPanel(page).job(reference).root.first());
    await expect(job.downloadingLayers.first()).toBeVisible({
      timeout: 30_000,
    });
    await saveScreenshot(page, 'run-flow-pulling-en');

    await new PullsPanel(page).button.click();
    const panelJob = new PullsPanel(page).panelJob(reference);
    await panelJob.cancel.click();
    await expect(panelJob.root).toHaveAttribute('data-state', 'cancelled');
    await expect(new RunFlowPage(page).root).toHaveAttribute('data-state', 'failed');
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
    const image = await new RunDialog(page).image.inputValue();
    // (7) The image EXPOSEs 6379: a row offers it, and nothing is red before anything is typed.
    await expect(new RunDialog(page).containerPort).toHaveValue('6379');
    await expect(new RunDialog(page).exposedHint).toContainText('6379/tcp');
    await expect(new RunDialog(page).root.getByRole('alert')).toHaveCount(0);
    await new RunDialog(page).name.fill(name);
    await new RunDialog(page).hostPort.fill(String(port));
    const line = `docker run -d --name ${name} -p 127.0.0.1:${port}:6379 ${image}`;
    await expect(new RunDialog(page).commandPreview).toHaveText(`$ ${line}`);
    await new RunDialog(page).name.blur();
    await saveScreenshot(page, 'run-dialog-exposed-en');
    await new RunDialog(page).submit.click();

    // (9) The run page prints the line that ran, not `docker run redis`.
    const flow = new RunFlowPage(page).root;
    await expect(flow).toHaveAttribute('data-state', 'running', { timeout: 30_000 });
    await expect(new RunFlowPage(page).cliTranscript).toContainText(`$ ${line}\n`);
    await expect(new RunFlowPage(page).title).toHaveText(line);
    await expect(new RunFlowPage(page).output).toContainText('Ready to accept connections', { timeout: 30_000 });
    const runId = await page.evaluate(() => location.hash.split('/')[2]);
    await saveScreenshot(page, 'run-flow-redis-en');
    await page.goto(pageUrl(harness, `run/${runId}`, 'ko'));
    await expect(new RunFlowPage(page).cliTranscript).toContainText(`$ ${line}\n`);
    await saveScreenshot(page, 'run-flow-redis-ko');

    // (22) Another run on that host port is told which container holds it.
    await openRunDialogFromImages(page, 'redis:latest');
    await expect(new RunDialog(page).containerPort).toHaveValue('6379');
    await new RunDialog(page).hostPort.fill(String(port));
    await expect(new RunDialog(page).portRows).toContainText(
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
    await new RunDialog(page).addEnv.click();
    const key = new RunDialog(page).envRows.getByRole('textbox').first();
    await expect(key).toBeFocused();
    await key.fill('1BAD');
    await expect(key).toHaveAttribute('aria-invalid', 'false');
    await new RunDialog(page).name.focus();
    await expect(key).toHaveAttribute('aria-invalid', 'true');
    // Away from it, Run brings it back into view with the focus.
    await new RunDialog(page).image.focus();
    await new RunDialog(page).submit.click();
    await expect(key).toBeFocused();
    await expect(key).toBeInViewport();
    await expect(new RunDialog(page).envRows).toContainText(
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
    await new RunDialog(page).addVolume.click();
    await new RunDialog(page).volumeKind.selectOption('bind');
    await new RunDialog(page).hostPath.fill(link);
    await new RunDialog(page).containerPath.fill('/host');
    await new RunDialog(page).bindConfirm.check();
    await expect(new RunDialog(page).volumeRows).toContainText(
      `${link} leads to /. This is the whole disk of this computer`,
    );
    await expect(new RunDialog(page).hostPath).toHaveAttribute('aria-invalid', 'true');
    await new RunDialog(page).image.focus();
    await new RunDialog(page).submit.click();
    await expect(new RunDialog(page).hostPath).toBeFocused();
    await expect(new RunDialog(page).root).toBeVisible();
    await saveScreenshot(page, 'run-dialog-link-to-root-en');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('--restart always: the run page says the Docker server is restarting it (en, ko)', async ({ page }) => {
  const name = `berth-e2e-always-${Date.now()}`;
  try {
    await openRunDialogFromImages(page, 'busybox:latest');
    const image = await new RunDialog(page).image.inputValue();
    await new RunDialog(page).name.fill(name);
    await new RunDialog(page).command.fill('echo hi');
    await new RunDialog(page).restart.selectOption('always');
    await new RunDialog(page).submit.click();
    const flow = new RunFlowPage(page).root;
    await expect(flow).toHaveAttribute('data-restarting', 'true', { timeout: 30_000 });
    await expect(new RunFlowPage(page).cliTranscript).toContainText(
      `$ docker run -d --name ${name} --restart always ${image} echo hi`,
    );
    await expect(new RunFlowPage(page).state).toHaveText('Restarting');
    await expect(new RunFlowPage(page).nextStep).toContainText(
      'The container exited with code 0, and the Docker server is starting it again, as its restart policy “Always” says.',
    );
    await expect(new RunFlowPage(page).nextStep).not.toContainText('did its job');
    await saveScreenshot(page, 'run-flow-restarting-en');
    const runId = await page.evaluate(() => location.hash.split('/')[2]);
    await page.goto(pageUrl(harness, `run/${runId}`, 'ko'));
    await expect(new RunFlowPage(page).nextStep).toContainText('다시 시작 정책(항상)에 따라');
    await saveScreenshot(page, 'run-flow-restarting-ko');
  } finally {
    removeRestartingContainer(name);
  }
});
