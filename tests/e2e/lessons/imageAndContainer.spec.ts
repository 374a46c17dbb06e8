import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from '../../fixtures/axe';
import { docker, dockerQuiet, requireEngine } from '../../fixtures/dockerCli';
import { pageUrl } from '../../fixtures/harness';
import { saveScreenshotsInEveryLook } from '../../fixtures/screenshots';
import { harnessForSpec } from '../../fixtures/specHarness';
import { ContainerDetailsPage } from '../pages/ContainerDetailsPage';
import { LessonPage } from '../pages/LessonPages';

// Lesson 2 done twice against the real engine: once with Berth's buttons and its terminal
// (English), once with the docker CLI in a terminal (Korean). Each time every step turns done on
// the lesson page without a reload. Berth's buttons run busybox under the names the commands
// suggest (box-N, the first free ones): the spec reads them from the commands and removes them after;
// the CLI way uses names of its own.

test.skip(!requireEngine.available, 'No Docker engine answers: run `npm run testbed` or start Docker.');

const harness = harnessForSpec({ pull: ['busybox'] });
const cliFirst = `berth-e2e-l2-first-${process.pid}`;
const cliSecond = `berth-e2e-l2-second-${process.pid}`;
/** What this spec ran, removed after (never anything else). */
const made = new Set<string>([cliFirst, cliSecond]);
const removeOurs = () => dockerQuiet('rm', '-f', ...made);
test.beforeAll(() => dockerQuiet('rm', '-f', cliFirst, cliSecond));
test.afterAll(removeOurs);

/** A terminal's docker command, with the environment the harness's Berth follows (DOCKER_HOST). */
const terminal = promisify(execFile);
const dockerInTerminal = (...args: string[]) => terminal('docker', args, { env: process.env });

/**
 * Whether a running busybox container this spec did not make exists: another suite's may be counted
 * by the lesson (it runs on the shared engine), so steps may turn done at once and the texts may
 * name it. The checks of what this spec did (the file in its first container) hold either way.
 */
function othersRunBusybox(): boolean {
  const running = dockerQuiet(
    'ps',
    '--filter',
    'ancestor=busybox',
    '--filter',
    'status=running',
    '--format',
    '{{.Names}}',
  );
  return running.split('\n').some((name) => name !== '' && !made.has(name));
}

async function startOverIfDone(page: Page, lesson: LessonPage): Promise<void> {
  if ((await lesson.startOver.count()) === 0) return;
  await lesson.startOver.click();
  await lesson.resetConfirm.click();
  await expect(lesson.resetDialog).toHaveCount(0);
  // Start over leaves the lesson not started; opening it again starts it (before any step).
  await page.reload();
}

/** The name in the step's `docker run -d --name NAME busybox sleep 3600`: what Berth's button runs too. */
async function suggestedName(lesson: LessonPage, step: string): Promise<string> {
  const command = (await lesson.commands(step).first().textContent()) ?? '';
  const name = /--name (\S+) busybox/.exec(command)?.[1];
  if (!name) throw new Error(`no name in "${command}"`);
  made.add(name);
  return name;
}

async function openLesson(page: Page, lang: 'en' | 'ko'): Promise<LessonPage> {
  await page.goto(pageUrl(harness(), 'lessons/imageAndContainer', lang));
  const lesson = new LessonPage(page);
  await expect(lesson.step('first')).toBeVisible();
  await startOverIfDone(page, lesson);
  if (!othersRunBusybox()) await expect(lesson.step('first')).toHaveAttribute('aria-current', 'step');
  return lesson;
}

test('(en) via Berth’s UI: run busybox twice, write a file in one container’s terminal', async ({ page }) => {
  test.setTimeout(120_000);
  const lesson = await openLesson(page, 'en');
  await expect(lesson.root).toContainText('Berth looks at the running busybox containers made since you started');

  await saveScreenshotsInEveryLook(page, 'lesson-imageAndContainer-first-en');
  const first = await suggestedName(lesson, 'first');
  await lesson.step('first').getByTestId('lesson-action-first').click();
  await expect(lesson.step('first')).toHaveAttribute('data-state', 'done');
  if (!othersRunBusybox())
    await expect(lesson.doneText('first')).toHaveText(`The container ${first} runs from the busybox image.`);

  const second = await suggestedName(lesson, 'second');
  expect(second).not.toBe(first);
  await lesson.step('second').getByTestId('lesson-action-second').click();
  await expect(lesson.step('second')).toHaveAttribute('data-state', 'done');
  const imageId = docker('inspect', '--format', '{{.Image}}', first).replace('sha256:', '').slice(0, 12);
  if (!othersRunBusybox()) {
    await expect(lesson.doneText('second')).toHaveText(`${first} and ${second} both run from image ${imageId}.`);
    await expect(lesson.commands('separate').first()).toContainText(
      `$ docker exec ${first} sh -c 'echo hello > /hello.txt'`,
    );
  }
  await expectAccessible(page, 'lesson 2 at its last step');
  await saveScreenshotsInEveryLook(page, 'lesson-imageAndContainer-separate-en', () =>
    lesson.step('separate').scrollIntoViewIfNeeded(),
  );

  // Step 3 in Berth: the first container's Terminal tab opens; the shell's end is Berth's cue to look.
  // The pair the lesson names may be another suite's: then the spec opens its own first container.
  if (!othersRunBusybox()) await lesson.step('separate').getByTestId('lesson-action-separate').click();
  else await page.goto(pageUrl(harness(), `containers/${first}?tab=terminal`, 'en'));
  const details = new ContainerDetailsPage(page);
  await expect(details.root).toBeVisible();
  await expect(details.tab('terminal')).toHaveAttribute('aria-selected', 'true');
  await expect(details.terminalView).toHaveAttribute('data-connected', 'true');
  await page.locator('.xterm-helper-textarea').focus();
  await page.keyboard.type('echo hello > /hello.txt; cat /hello.txt\n');
  await expect(page.locator('.xterm-rows')).toContainText('hello');
  await page.keyboard.type('exit\n');
  await expect(details.terminalExited).toBeVisible();

  // Back to the lesson (no reload): the file is in the first and not in another.
  await page.goBack();
  await expect(lesson.step('separate')).toHaveAttribute('data-state', 'done');
  await expect(lesson.doneText('separate')).toContainText(`hello.txt is in ${first} and not in `);
  await expect(lesson.done).toBeVisible();
  await saveScreenshotsInEveryLook(page, 'lesson-imageAndContainer-finished-en', () =>
    lesson.done.scrollIntoViewIfNeeded(),
  );
  docker('rm', '-f', first, second);
});

test('(ko) via the docker CLI in a terminal: docker run twice, docker exec in one', async ({ page }) => {
  test.setTimeout(120_000);
  const lesson = await openLesson(page, 'ko');

  await dockerInTerminal('run', '-d', '--name', cliFirst, 'busybox', 'sleep', '3600');
  await expect(lesson.step('first')).toHaveAttribute('data-state', 'done');
  if (!othersRunBusybox())
    await expect(lesson.doneText('first')).toHaveText(`${cliFirst} 컨테이너가 busybox 이미지로 실행 중이에요.`);

  await dockerInTerminal('run', '-d', '--name', cliSecond, 'busybox', 'sleep', '3600');
  await expect(lesson.step('second')).toHaveAttribute('data-state', 'done');
  if (!othersRunBusybox())
    await expect(lesson.doneText('second')).toContainText(`${cliFirst}, ${cliSecond} 두 컨테이너가`);

  await dockerInTerminal('exec', cliFirst, 'sh', '-c', 'echo hello > /hello.txt');
  // The second has no such file: cat fails, as the step says it will.
  await expect(dockerInTerminal('exec', cliSecond, 'cat', '/hello.txt')).rejects.toThrow(/No such file/);
  await expect(lesson.step('separate')).toHaveAttribute('data-state', 'done');
  await expect(lesson.doneText('separate')).toContainText(`hello.txt가 ${cliFirst}에는 있고 `);
  await expect(lesson.done).toBeVisible();
  await saveScreenshotsInEveryLook(page, 'lesson-imageAndContainer-finished-ko', () =>
    lesson.done.scrollIntoViewIfNeeded(),
  );
  docker('rm', '-f', cliFirst, cliSecond);
});
