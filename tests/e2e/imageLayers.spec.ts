import { expect, test } from '@playwright/test';
import { buildTestImage } from '../fixtures/buildTestImage';
import { dockerQuiet, requireEngine } from '../fixtures/dockerCli';
import { pageUrl, startHarness } from '../fixtures/harness';
import { saveScreenshot, saveScreenshotsInEveryLook } from '../fixtures/screenshots';
import { harnessForSpec } from '../fixtures/specHarness';
import { EngineUnavailable } from './pages/EngineUnavailable';
import { ImageLayersPage } from './pages/ImageLayersPage';
import { ImagesPage } from './pages/ImagesPage';

test.skip(!requireEngine.available, 'No Docker engine answers: run `npm run testbed` or start Docker.');

const harness = harnessForSpec({ pull: ['busybox'] });
const repository = `berth-e2e-layers-${process.pid}`;
const tag = `${repository}:latest`;
let builtId = '';
/** A RUN long enough to be folded. */
const longNote = 'This page was built by Berth from a Dockerfile. '.repeat(5).trim();

test.beforeAll(async () => {
  // FROM busybox with a COPY (a layer of its own) and an ENV (settings only), built as Berth builds.
  builtId = await buildTestImage(
    {
      Dockerfile: [
        'FROM busybox:latest',
        'COPY index.html /www/index.html',
        `RUN echo "${longNote}" > /www/notes.txt`,
        'ENV GREETING=hello',
      ].join('\n'),
      'index.html': '<h1>Hello from my first image</h1>\n'.repeat(300),
    },
    tag,
  );
});
test.afterAll(() => {
  dockerQuiet('rmi', '-f', tag);
  if (builtId) dockerQuiet('rmi', '-f', builtId);
});

test('from Images, the layers of a built image say what it shares with busybox, and lead back', async ({ page }) => {
  await page.goto(pageUrl(harness(), 'images'));
  const images = new ImagesPage(page);
  const layersButton = page.getByRole('button', { name: `Layers of ${tag}` });
  await layersButton.click();

  const layers = new ImageLayersPage(page);
  await expect(layers.heading).toHaveText(`Layers of ${tag}`);
  expect(page.url()).toContain(`#/images/${encodeURIComponent(builtId)}`);
  // busybox's one layer is shared; the COPY is this image's own; the ENV adds no layer.
  await expect(layers.summary).toContainText('1 of these 3 layers');
  // busybox first: the image this one was built FROM (other local images may share its layer too).
  await expect(layers.summary).toContainText('is shared with busybox:latest');
  await expect(layers.summary).toContainText('so this image costs you only');
  await expect(layers.sharedRows.first()).toContainText('shared with busybox:latest');
  const env = layers.row('ENV GREETING=hello');
  await expect(env).toHaveAttribute('data-metadata-only', 'true');
  await expect(env.getByTestId('layer-metadata-only')).toHaveText('metadata only');
  await expect(env.getByTestId('layer-size')).toHaveText('0 B');
  await expect(layers.rows.first()).toHaveAttribute('data-shared', 'true');
  await expect(layers.rows.last()).toContainText('ENV GREETING=hello');
  // The long RUN is folded until asked for.
  const run = layers.rows.filter({ hasText: '/www/notes.txt' });
  const unfold = run.getByRole('button', { name: 'Show all' });
  await expect(unfold).toHaveAttribute('aria-expanded', 'false');
  const instruction = run.getByTestId('layer-instruction');
  const foldedHeight = (await instruction.boundingBox())!.height;
  await unfold.focus();
  await page.keyboard.press('Enter');
  await expect(run.getByRole('button', { name: 'Show less' })).toHaveAttribute('aria-expanded', 'true');
  expect((await instruction.boundingBox())!.height).toBeGreaterThan(foldedHeight);
  const copy = layers.rows.filter({ hasText: '/www/index.html' });
  await expect(copy).toHaveAttribute('data-metadata-only', 'false');
  await expect(copy).toHaveAttribute('data-shared', 'false');

  await saveScreenshotsInEveryLook(page, 'image-layers-en');

  // Keyboard: the way back is a button that Enter follows.
  await layers.back.focus();
  await page.keyboard.press('Enter');
  await expect(images.root).toBeVisible();
  await expect(layersButton)
    .toBeFocused({ timeout: 1 })
    .catch(() => undefined);
  await expect(images.row(tag)).toBeVisible();
  // Each row's actions (Run, Layers, Remove) still fit the smallest window.
  await saveScreenshot(page, 'image-layers-images-row-900x600');
});

test('in Korean, light and dark, the same view', async ({ page }) => {
  const url = pageUrl(harness(), `images/${encodeURIComponent(builtId)}`, 'ko');
  await page.goto(url);
  const layers = new ImageLayersPage(page);
  await expect(layers.heading).toHaveText(`${tag}의 레이어`);
  await expect(layers.summary).toContainText('레이어 3개 중 1개');
  await expect(layers.row('ENV GREETING=hello').getByTestId('layer-metadata-only')).toHaveText('메타데이터만');
  await saveScreenshotsInEveryLook(page, 'image-layers-ko');
});

test('an image that is gone says so, with the way back', async ({ page }) => {
  await page.goto(pageUrl(harness(), `images/${encodeURIComponent(`sha256:${'0'.repeat(64)}`)}`));
  const layers = new ImageLayersPage(page);
  await expect(layers.problem).toHaveAttribute('data-problem', 'not-found');
  await expect(layers.problem).toContainText('It is not there any more');
  await layers.back.click();
  await expect(new ImagesPage(page).root).toBeVisible();
});

test('without the Docker server, the layers view says what it cannot do', async ({ page }) => {
  const down = await startHarness({ DOCKER_HOST: `unix:///tmp/berth-e2e-layers-${process.pid}-nothing.sock` });
  try {
    await page.goto(pageUrl(down, `images/${encodeURIComponent(builtId)}`));
    const unavailable = new EngineUnavailable(page);
    await expect(unavailable.consequence).toHaveText(
      'Berth cannot read the layers until the Docker server answers. The image stays on this computer.',
      { timeout: 30_000 },
    );
    await expect(new ImageLayersPage(page).back).toBeVisible();
    await saveScreenshot(page, 'image-layers-engine-down-en');
  } finally {
    await down.stop();
  }
});
