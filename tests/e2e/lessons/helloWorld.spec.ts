import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { dockerQuiet, requireEngine } from '../../fixtures/dockerCli';
import { expectAccessible } from '../../fixtures/axe';
import { pageUrl } from '../../fixtures/harness';
import { saveScreenshotsInEveryLook } from '../../fixtures/screenshots';
import { harnessForSpec } from '../../fixtures/specHarness';
import { LessonPage } from '../pages/LessonPages';
import { RunFlowPage } from '../pages/RunFlowPage';

// Lesson 4 done twice against the real engine: once with Berth's buttons (English), once with
// `docker run hello-world` typed in a terminal (Korean). Each time both steps turn done on the page
// without a reload. Only the runs since the lesson (re)started count, so others' hello-world
// containers do not finish it. hello-world is pulled first (other specs share it): the first run is
// then a cache hit too, which the step's text says can happen. The containers made here are removed.

test.skip(!requireEngine.available, 'No Docker engine answers: run `npm run testbed` or start Docker.');

const harness = harnessForSpec({ pull: ['hello-world'] });
const cliNames = [1, 2].map((run) => `berth-e2e-hello-cli-${run}-${process.pid}`);
/** The containers Berth's runs made (their names are the engine's), read from the steps' done texts. */
const uiNames: string[] = [];
const removeOurs = () => {
  for (const name of [...cliNames, ...uiNames]) dockerQuiet('rm', '-f', name);
};
test.beforeAll(removeOurs);
test.afterAll(removeOurs);

const terminal = promisify(execFile);
const dockerInTerminal = (...args: string[]) => terminal('docker', args, { env: process.env });

async function startOver(lesson: LessonPage): Promise<void> {
  await expect(lesson.step('firstRun')).toBeVisible();
  if ((await lesson.startOver.count()) === 0) return;
  await lesson.startOver.click();
  await lesson.resetConfirm.click();
  await expect(lesson.resetDialog).toHaveCount(0);
  await expect(lesson.step('firstRun')).toHaveAttribute('data-state', 'current');
}

/** The container a done text names. */
function nameIn(text: string, pattern: RegExp): string {
  const name = pattern.exec(text)?.[1];
  if (!name) throw new Error(`No container name in "${text}"`);
  return name;
}

test('(en) via Berth’s UI: Run hello-world, Run it again, and the second run is a cache hit', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(pageUrl(harness(), 'lessons/helloWorld', 'en'));
  const lesson = new LessonPage(page);
  await startOver(lesson);
  // The story of a run, and the command for a terminal.
  await expect(page.getByTestId('lesson-hello-flow')).toContainText('looks for the image in its image cache');
  await expect(lesson.commands('firstRun')).toHaveText(/\$ docker run hello-world/);

  await lesson.step('firstRun').getByTestId('lesson-hello-firstRun').click();
  await expect(lesson.step('firstRun')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  const firstText = (await lesson.doneText('firstRun').textContent()) ?? '';
  uiNames.push(nameIn(firstText, /The container (\S+) ran hello-world/));
  // The run started in the lesson stays in view in the next step: its diagram, lit.
  const shown = lesson.step('secondRun').getByTestId('lesson-hello-run');
  await expect(shown).toHaveAttribute('data-state', 'exited');
  await expectAccessible(page, 'lesson 4 after the first run');
  await saveScreenshotsInEveryLook(page, 'lesson-helloWorld-first-run-en', () =>
    lesson.step('secondRun').scrollIntoViewIfNeeded(),
  );

  await lesson.step('secondRun').getByTestId('lesson-hello-secondRun').click();
  await expect(lesson.step('secondRun')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  const imageId = dockerQuiet('image', 'inspect', '--format', '{{.Id}}', 'hello-world')
    .replace('sha256:', '')
    .slice(0, 12);
  const secondText = (await lesson.doneText('secondRun').textContent()) ?? '';
  uiNames.push(nameIn(secondText, /The container (\S+) ran the same image/));
  expect(secondText).toContain(`(${imageId}) straight from the image cache`);
  await expect(lesson.done).toBeVisible();
  await saveScreenshotsInEveryLook(page, 'lesson-helloWorld-finished-en', () => lesson.done.scrollIntoViewIfNeeded());

  // The step's screen is the run's live flow: the image cache hit, Docker Hub skipped.
  await lesson.step('secondRun').getByTestId('lesson-step-screen').click();
  const flow = new RunFlowPage(page);
  await expect(flow.root).toHaveAttribute('data-cache-hit', 'true');
  await expect(flow.step('hub')).toHaveAttribute('data-state', 'skipped');
  await expect(flow.output).toContainText('Hello from Docker!');
});

test('(ko) via the docker CLI in a terminal: docker run hello-world twice, and both steps turn done', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto(pageUrl(harness(), 'lessons/helloWorld', 'ko'));
  const lesson = new LessonPage(page);
  await startOver(lesson);

  await dockerInTerminal('run', '--name', cliNames[0]!, 'hello-world');
  await expect(lesson.step('firstRun')).toHaveAttribute('data-state', 'done');
  await expect(lesson.doneText('firstRun')).toHaveText(
    `${cliNames[0]} 컨테이너가 hello-world를 실행해서 인사말을 출력했어요 (종료 코드 0).`,
  );
  await expect(lesson.step('secondRun')).toHaveAttribute('aria-current', 'step');

  await dockerInTerminal('run', '--name', cliNames[1]!, 'hello-world');
  await expect(lesson.step('secondRun')).toHaveAttribute('data-state', 'done');
  await expect(lesson.doneText('secondRun')).toContainText(`${cliNames[1]} 컨테이너가 같은 이미지`);
  await expect(lesson.doneText('secondRun')).toContainText('도커 허브를 건너뛰었어요');
  await expect(lesson.done).toBeVisible();
  await saveScreenshotsInEveryLook(page, 'lesson-helloWorld-finished-ko', () => lesson.done.scrollIntoViewIfNeeded());
  // Typed in a terminal: the step's screen is the container in the list.
  await expect(lesson.step('firstRun').getByTestId('lesson-step-screen')).toHaveAttribute(
    'href',
    /^#\/containers\?show=/,
  );
});
