import type { Locator, Page } from '@playwright/test';

/** The Build page: the folder, the Dockerfile editor, the options, the context summary, Build and Cancel. */
export class BuildPage {
  readonly root: Locator;
  readonly folderPath: Locator;
  readonly folderOpen: Locator;
  readonly currentFolder: Locator;
  readonly closeFolder: Locator;
  readonly noDockerfile: Locator;
  readonly newDockerfile: Locator;
  /** The path field's message (what is wrong with the path typed). */
  readonly folderProblem: Locator;
  readonly failure: Locator;
  /** The CodeMirror editor and the element that takes its text. */
  readonly editor: Locator;
  readonly editorText: Locator;
  readonly markedLine: Locator;
  readonly dirty: Locator;
  readonly saved: Locator;
  readonly save: Locator;
  readonly conflict: Locator;
  readonly reload: Locator;
  readonly keepMine: Locator;
  readonly reloadDialog: Locator;
  readonly reloadConfirm: Locator;
  readonly tag: Locator;
  readonly target: Locator;
  readonly noCache: Locator;
  readonly context: Locator;
  readonly contextSends: Locator;
  readonly oversized: Locator;
  readonly ignoreFolder: Locator;
  readonly contextNotice: Locator;
  readonly submit: Locator;
  readonly cancel: Locator;
  readonly saveFirst: Locator;
  readonly saveAndBuild: Locator;
  readonly about: Locator;
  readonly command: Locator;

  constructor(private readonly page: Page) {
    this.root = page.getByTestId('build-page');
    this.folderPath = page.getByTestId('build-folder-path');
    this.folderOpen = page.getByTestId('build-folder-open');
    this.currentFolder = page.getByTestId('build-folder-current');
    this.closeFolder = page.getByTestId('build-close-folder');
    this.noDockerfile = page.getByTestId('build-no-dockerfile');
    this.newDockerfile = page.getByTestId('build-new-dockerfile');
    this.folderProblem = page.getByTestId('build-folder-picker').getByRole('alert');
    this.failure = page.getByTestId('build-failure');
    this.editor = page.getByTestId('build-editor');
    this.editorText = this.editor.locator('.cm-content');
    this.markedLine = this.editor.locator('.cm-marked-line');
    this.dirty = page.getByTestId('build-dirty');
    this.saved = page.getByTestId('build-saved');
    this.save = page.getByTestId('build-save');
    this.conflict = page.getByTestId('build-conflict');
    this.reload = page.getByTestId('build-reload');
    this.keepMine = page.getByTestId('build-keep-mine');
    this.reloadDialog = page.getByTestId('build-reload-dialog');
    this.reloadConfirm = page.getByTestId('build-reload-confirm');
    this.tag = page.getByTestId('build-tag');
    this.target = page.getByTestId('build-target');
    this.noCache = page.getByTestId('build-no-cache');
    this.context = page.getByTestId('build-context');
    this.contextSends = page.getByTestId('build-context-sends');
    this.oversized = page.getByTestId('build-context-oversized');
    this.ignoreFolder = page.getByTestId('build-context-ignore');
    this.contextNotice = page.getByTestId('build-context-notice');
    this.submit = page.getByTestId('build-submit');
    this.cancel = page.getByTestId('build-cancel');
    this.saveFirst = page.getByTestId('build-save-first');
    this.saveAndBuild = page.getByTestId('build-save-and-build');
    this.about = page.getByTestId('build-about');
    this.command = page.getByTestId('build-command');
  }

  example(name: 'static-site' | 'multi-stage'): Locator {
    return this.page.getByTestId(`build-example-${name}`);
  }

  /** Opens a folder by typing its path, as in the harness (no OS folder dialog there). */
  async openFolder(folder: string): Promise<void> {
    await this.folderPath.fill(folder);
    await this.folderOpen.click();
  }

  /** The editor's line that reads exactly `text`. */
  line(text: string): Locator {
    const exactly = new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
    return this.editor.locator('.cm-line', { hasText: exactly });
  }

  /** The build's steps in a state (cached, ran, running...), as the steps view marks them. */
  steps(state: string): Locator {
    return this.page.locator(`[data-testid=build-job] [data-testid=build-step][data-state=${state}]`);
  }

  /** The button of step `index` that shows its Dockerfile line in the editor. */
  showLineOf(index: number): Locator {
    return this.page.locator(`[data-testid=build-step][data-step="${index}"] [data-testid=build-step-line]`);
  }

  /** Types a new line after the line that reads `after`, as a user would. */
  async insertLineAfter(after: string, text: string): Promise<void> {
    await this.line(after).first().click();
    await this.page.keyboard.press('End');
    await this.page.keyboard.press('Enter');
    await this.page.keyboard.type(text);
  }

  /** The highlighted token spans of a line (CodeMirror's classes for keywords, strings...). */
  tokens(lineText: string): Locator {
    return this.line(lineText).first().locator('span');
  }
}
