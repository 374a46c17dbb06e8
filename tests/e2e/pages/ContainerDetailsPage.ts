import type { Locator, Page } from '@playwright/test';

export type DetailsTab = 'logs' | 'stats' | 'inspect' | 'terminal';

/** A container's details: its actions and the logs, stats, inspect and terminal tabs. */
export class ContainerDetailsPage {
  /** The terminal's shell choices, and its custom command's Run button, as CSS selectors for axe. */
  static readonly terminalChoicesSelector = '[data-testid=terminal-choices]';
  static readonly terminalCustomRunSelector = '[data-testid=terminal-custom-run]';
  readonly root: Locator;
  readonly stop: Locator;
  readonly remove: Locator;
  // Logs
  readonly logsScroll: Locator;
  readonly logsTimestamps: Locator;
  /** Log lines as a CSS selector, for code that walks the page's text. */
  static readonly logLineSelector = '[data-testid=log-line]';
  readonly logsSearch: Locator;
  readonly logsMatchCount: Locator;
  readonly logLines: Locator;
  readonly stderrLines: Locator;
  readonly logMarks: Locator;
  // Stats
  readonly statsView: Locator;
  readonly cpuValue: Locator;
  readonly memoryValue: Locator;
  readonly networkValue: Locator;
  readonly networkRate: Locator;
  // Inspect
  readonly inspectPorts: Locator;
  readonly inspectPortItems: Locator;
  readonly inspectEnv: Locator;
  // Terminal
  readonly terminalView: Locator;
  readonly terminalExited: Locator;
  readonly terminalNoShell: Locator;
  readonly terminalShells: Locator;
  readonly terminalCustom: Locator;
  readonly terminalCustomRun: Locator;

  constructor(private readonly page: Page) {
    this.root = page.getByTestId('container-details');
    this.stop = page.getByTestId('details-stop');
    this.remove = page.getByTestId('details-remove');
    this.logsScroll = page.getByTestId('logs-scroll');
    this.logsTimestamps = page.getByTestId('logs-timestamps');
    this.logsSearch = page.getByTestId('logs-search');
    this.logsMatchCount = page.getByTestId('logs-match-count');
    this.logLines = page.getByTestId('log-line');
    this.stderrLines = page.locator('[data-testid=log-line][data-stream=stderr]');
    this.logMarks = page.locator('[data-testid=log-line] mark');
    this.statsView = page.getByTestId('stats-view');
    this.cpuValue = page.getByTestId('stats-cpu-value');
    this.memoryValue = page.getByTestId('stats-memory-value');
    this.networkValue = page.getByTestId('stats-network-value');
    this.networkRate = page.getByTestId('stats-network-rate');
    this.inspectPorts = page.getByTestId('inspect-ports');
    this.inspectPortItems = this.inspectPorts.getByTestId('container-port');
    this.inspectEnv = page.getByTestId('inspect-env');
    this.terminalView = page.getByTestId('terminal-view');
    this.terminalExited = page.getByTestId('terminal-exited');
    this.terminalNoShell = page.getByTestId('terminal-no-shell');
    this.terminalShells = page.locator('[data-testid^=terminal-shell-]');
    this.terminalCustom = page.getByTestId('terminal-custom');
    this.terminalCustomRun = page.getByTestId('terminal-custom-run');
  }

  tab(name: DetailsTab): Locator {
    return this.page.getByTestId(`tab-${name}`);
  }

  async openTab(name: DetailsTab): Promise<void> {
    await this.tab(name).click();
  }
}
