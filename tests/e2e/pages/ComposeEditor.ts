import type { Locator, Page } from '@playwright/test';

/** The compose project's File tab (the YAML editor, its problems, Save and the conflict) and its Logs tab. */
export class ComposeEditor {
  readonly openPath: Locator;
  readonly openButton: Locator;
  readonly fileTab: Locator;
  readonly logsTab: Locator;
  readonly editor: Locator;
  readonly editorText: Locator;
  readonly problems: Locator;
  readonly problem: Locator;
  readonly noProblems: Locator;
  readonly save: Locator;
  readonly saved: Locator;
  readonly conflict: Locator;
  readonly keepMine: Locator;
  readonly logLines: Locator;
  readonly logSources: Locator;

  constructor(readonly page: Page) {
    this.openPath = page.getByTestId('compose-open-path');
    this.openButton = page.getByTestId('compose-open-open');
    this.fileTab = page.getByTestId('compose-tab-file');
    this.logsTab = page.getByTestId('compose-tab-logs');
    this.editor = page.getByTestId('compose-editor');
    this.editorText = this.editor.locator('.cm-content');
    this.problems = page.getByTestId('compose-file-problems');
    this.problem = page.getByTestId('compose-file-problem');
    this.noProblems = page.getByTestId('compose-file-problems-none');
    this.save = page.getByTestId('compose-file-save');
    this.saved = page.getByTestId('compose-file-saved');
    this.conflict = page.getByTestId('compose-file-conflict');
    this.keepMine = page.getByTestId('compose-file-keep-mine');
    this.logLines = page.getByTestId('log-line');
    this.logSources = page.getByTestId('logs-source');
  }

  /** The editor's line marked with a problem. */
  markedLine(line: number): Locator {
    return this.editor.locator(`[data-problem-line="${line}"]`);
  }

  /** A service's show/hide chip above the merged logs. */
  source(name: string): Locator {
    return this.page.locator(`[data-testid=logs-source][data-source="${name}"]`);
  }

  /** Opens a project by typing its folder on the Compose page. */
  async openFolder(folder: string): Promise<void> {
    await this.openPath.fill(folder);
    await this.openButton.click();
  }

  /** Puts the cursor at the end of the text. */
  async toEnd(): Promise<void> {
    await this.editorText.click();
    await this.page.keyboard.press('Control+End');
  }
}
