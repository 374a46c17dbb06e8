import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { VOLUME_LESSON, type VolumeLessonStep } from '../../src/shared/volumes';
import { docker, dockerQuiet, requireEngine } from '../fixtures/dockerCli';
import { pageUrl, startHarness } from '../fixtures/harness';
import { saveScreenshot, saveScreenshotsInEveryLook } from '../fixtures/screenshots';
import { harnessForSpec } from '../fixtures/specHarness';
import { EngineUnavailable } from './pages/EngineUnavailable';
import { VolumeLessonPage } from './pages/VolumeLessonPage';

// A user clicks through the volume lesson and sees the key the first container wrote read back
// from the second one. The lesson's things have fixed names (it resumes after a restart of Berth):
// only this spec and tests/integration/volumeLesson.test.ts use them, one at a time.

test.skip(!requireEngine.available, 'No Docker engine answers: run `npm run testbed` or start Docker.');

const { volume, first, second, labelKey, labelValue } = VOLUME_LESSON;
const harness = harnessForSpec({ pull: ['redis'], label: `${labelKey}=${labelValue}` });

function removeLessonThings(): void {
  const containers = dockerQuiet('ps', '-aq', '--filter', `label=${labelKey}=${labelValue}`)
    .split('\n')
    .filter(Boolean);
  if (containers.length > 0) dockerQuiet('rm', '-f', ...containers);
  dockerQuiet('volume', 'rm', volume);
}
test.beforeAll(removeLessonThings);
test.afterAll(removeLessonThings);

/**
 * axe-core's WCAG 2.1 A/AA and best-practice rules, in both themes. The scrolling-region rule is left
 * to accessibility.spec.ts, which checks it against what Tab really reaches (see README.md).
 */
async function expectAccessible(page: Page, where: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const result = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
      .disableRules(['scrollable-region-focusable'])
      .analyze();
    const found = result.violations.map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
    expect(found, `${where} (${colorScheme})`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Clicks the step's button (only the next step's is enabled) and waits until it is done and checked. */
async function doStep(lesson: VolumeLessonPage, step: VolumeLessonStep): Promise<void> {
  await expect(lesson.step(step)).toHaveAttribute('data-state', 'next');
  await lesson.button(step).click();
  await expect(lesson.step(step)).toHaveAttribute('data-state', 'done', { timeout: 45_000 });
}

/** The value in "Written: lesson = …" (or "쓴 값: lesson = …"). */
async function valueIn(observed: ReturnType<VolumeLessonPage['observed']>): Promise<string> {
  const text = (await observed.textContent()) ?? '';
  const match = /lesson = (.+)$/.exec(text.trim());
  if (!match) throw new Error(`no value in "${text}"`);
  return match[1]!;
}

for (const lang of ['en', 'ko'] as const) {
  test(`(${lang}) five steps: the key the first container wrote is read back from the new container`, async ({
    page,
  }) => {
    removeLessonThings();
    await page.goto(pageUrl(harness(), 'lessons/volumes', lang));
    const lesson = new VolumeLessonPage(page);
    await expect(lesson.step('run')).toHaveAttribute('data-state', 'next');
    // Only the next step can be clicked; the others wait their turn.
    for (const step of ['write', 'remove', 'runAgain', 'read'] as const) {
      await expect(lesson.step(step)).toHaveAttribute('data-state', 'waiting');
      await expect(lesson.button(step)).toBeDisabled();
    }
    await expect(lesson.startOver).toHaveCount(0);
    await expectAccessible(page, 'the lesson at its start');
    await saveScreenshotsInEveryLook(page, `volume-lesson-start-${lang}`, () =>
      lesson.step('run').scrollIntoViewIfNeeded(),
    );

    await doStep(lesson, 'run');
    await expect(lesson.command('run')).toContainText(
      `docker run -d --name ${first} -v ${volume}:/data redis redis-server --appendonly yes --dir /data`,
    );
    const firstId = docker('inspect', '--format', '{{.Id}}', first);
    await expect(lesson.step('run').getByTestId('lesson-container-link')).toHaveAttribute(
      'href',
      `#/containers/${firstId}`,
    );
    await expect(lesson.step('run').getByTestId('lesson-volume-link')).toHaveAttribute('href', `#/volumes/${volume}`);

    // Step 2 by keyboard: the next step's button takes the focus and Enter.
    await expect(lesson.button('write')).toBeEnabled();
    await lesson.button('write').focus();
    await page.keyboard.press('Enter');
    await expect(lesson.step('write')).toHaveAttribute('data-state', 'done', { timeout: 45_000 });
    const written = await valueIn(lesson.observed('write'));
    expect(written).toMatch(/^Berth \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
    expect(docker('exec', first, 'redis-cli', 'GET', 'lesson')).toBe(written);
    await expect(lesson.command('write')).toContainText(`docker exec ${first} redis-cli SET lesson "${written}"`);

    // The remove button names the container it removes.
    await expect(lesson.button('remove')).toHaveText(
      lang === 'en' ? `Remove the container ${first}` : `컨테이너 ${first} 삭제`,
    );
    await doStep(lesson, 'remove');
    expect(dockerQuiet('container', 'inspect', first)).toBe('');
    expect(docker('volume', 'inspect', '--format', '{{.Name}}', volume)).toBe(volume);
    await saveScreenshotsInEveryLook(page, `volume-lesson-middle-${lang}`, () =>
      lesson.step('runAgain').scrollIntoViewIfNeeded(),
    );

    await doStep(lesson, 'runAgain');
    const secondId = docker('inspect', '--format', '{{.Id}}', second);
    await expect(lesson.step('runAgain').getByTestId('lesson-container-link')).toHaveAttribute(
      'href',
      `#/containers/${secondId}`,
    );
    await doStep(lesson, 'read');

    // What the page read back is what the first container wrote, and what the CLI reads too.
    expect(await valueIn(lesson.observed('read'))).toBe(written);
    await expect(lesson.celebrateValue).toHaveText(`lesson = ${written}`);
    await expect(lesson.celebrateWritten).toHaveText(`lesson = ${written}`);
    expect(docker('exec', second, 'redis-cli', 'GET', 'lesson')).toBe(written);
    await expect(lesson.celebrate).toContainText(volume);
    await expectAccessible(page, 'the lesson finished');
    await saveScreenshotsInEveryLook(page, `volume-lesson-done-${lang}`, () =>
      lesson.celebrate.scrollIntoViewIfNeeded(),
    );

    // Start over: the dialog names the container and the volume, starts on Cancel, and removes them.
    await lesson.startOver.click();
    await expect(lesson.resetItems).toContainText(second);
    await expect(lesson.resetItems).toContainText(volume);
    await expect(lesson.resetDialog.getByRole('button', { name: lang === 'en' ? 'Cancel' : '취소' })).toBeFocused();
    await saveScreenshot(page, `volume-lesson-reset-${lang}`);
    await expectAccessible(page, 'the Start over dialog');
    await lesson.resetConfirm.click();
    await expect(lesson.resetDialog).toHaveCount(0);
    await expect(lesson.step('run')).toHaveAttribute('data-state', 'next');
    expect(dockerQuiet('ps', '-aq', '--filter', `label=${labelKey}=${labelValue}`)).toBe('');
    expect(dockerQuiet('volume', 'inspect', volume)).toBe('');
  });
}

test('a container removed in a terminal moves the lesson on without a click', async ({ page }) => {
  removeLessonThings();
  await page.goto(pageUrl(harness(), 'lessons/volumes'));
  const lesson = new VolumeLessonPage(page);
  await doStep(lesson, 'run');
  await doStep(lesson, 'write');
  docker('rm', '-f', first);
  await expect(lesson.step('remove')).toHaveAttribute('data-state', 'done');
  await expect(lesson.step('runAgain')).toHaveAttribute('data-state', 'next');
});

test('a volume of the lesson’s name that it did not make: the step fails inline, saying what to do, and it stays', async ({
  page,
}) => {
  removeLessonThings();
  docker('volume', 'create', volume);
  try {
    await page.goto(pageUrl(harness(), 'lessons/volumes'));
    const lesson = new VolumeLessonPage(page);
    await lesson.button('run').click();
    const failure = lesson.step('run').getByTestId('lesson-step-failure');
    await expect(failure.getByTestId('problem')).toHaveAttribute('data-problem', 'name-in-use');
    await expect(failure).toContainText('Berth leaves it alone');
    await expect(failure).not.toContainText('Another container already has this name');
    await expect(lesson.step('run')).toHaveAttribute('data-state', 'next');
    await expect(lesson.button('run')).toBeEnabled();
    await lesson.step('run').scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'volume-lesson-failure-en');
    expect(docker('volume', 'inspect', '--format', '{{len .Labels}}', volume)).toBe('0');
  } finally {
    dockerQuiet('volume', 'rm', volume);
  }
});

test('without the Docker server, the lesson says it continues once the server is back', async ({ page }) => {
  const down = await startHarness({ DOCKER_HOST: `unix:///tmp/berth-e2e-lesson-${process.pid}-nothing.sock` });
  try {
    await page.goto(pageUrl(down, 'lessons/volumes'));
    await expect(new EngineUnavailable(page).consequence).toHaveText(
      'The lesson runs its steps on the Docker server. It continues where you left it once the server is back.',
      { timeout: 30_000 },
    );
    await expect(new VolumeLessonPage(page).step('run')).toHaveCount(0);
    await saveScreenshot(page, 'volume-lesson-engine-down-en');
  } finally {
    await down.stop();
  }
});
