import type { Locator, Page } from '@playwright/test';

/** The Containers screen: the list, its filter and "show stopped", and each row's actions. */
export class ContainersPage {
  /** The screen as a CSS selector, for axe's include(). */
  static readonly selector = '[data-testid=containers-page]';
  /** The cells a person needs on every row (CPU, memory, actions), as CSS selectors, by name. */
  static readonly essentialCellSelectors = {
    'container-cpu': '[data-testid=container-cpu]',
    'container-memory': '[data-testid=container-memory]',
    'container-actions': '[data-testid=container-actions]',
    'container-more': '[data-testid=container-more]',
  } as const;
  readonly root: Locator;
  readonly showAll: Locator;
  readonly shownStopped: Locator;
  readonly filter: Locator;
  readonly rows: Locator;
  readonly exitedRows: Locator;
  /** The row the app points at, after a run. */
  readonly highlightedRow: Locator;
  readonly scroll: Locator;
  readonly stale: Locator;
  readonly counts: Locator;
  readonly bulkActions: Locator;
  readonly removeDialog: RemoveContainerDialog;

  constructor(private readonly page: Page) {
    this.root = page.getByTestId('containers-page');
    this.showAll = page.getByTestId('containers-show-all');
    this.shownStopped = page.getByTestId('containers-shown-stopped');
    this.filter = page.getByTestId('containers-filter');
    this.rows = page.getByTestId('container-row');
    this.exitedRows = page.locator('[data-testid=container-row][data-state=exited]');
    this.highlightedRow = page.locator('[data-testid=container-row][data-highlighted=true]');
    this.scroll = page.getByTestId('containers-scroll');
    this.stale = page.getByTestId('containers-stale');
    this.counts = page.getByTestId('containers-counts');
    this.bulkActions = page.getByTestId('bulk-actions');
    this.removeDialog = new RemoveContainerDialog(page);
  }

  /** A compose project's group header link (to #/compose/<project>). */
  composeGroupLink(project: string): Locator {
    return this.page.locator('[data-testid=compose-group-link]').filter({ hasText: `${project} (` });
  }

  row(name: string): Locator {
    return this.page.locator(`[data-testid=container-row][data-name="${name}"]`);
  }

  async showStopped(): Promise<void> {
    await this.showAll.check();
  }

  async stop(name: string): Promise<void> {
    await this.stopButton(name).click();
  }

  async remove(name: string): Promise<void> {
    await this.removeButton(name).click();
  }

  /** A row's own action, by its test id (container-stop, container-remove, ...). */
  action(name: string, action: string): Locator {
    return this.row(name).getByTestId(action);
  }

  stopButton(name: string): Locator {
    return this.action(name, 'container-stop');
  }

  removeButton(name: string): Locator {
    return this.action(name, 'container-remove');
  }

  stateBadge(name: string): Locator {
    return this.action(name, 'container-state-badge');
  }

  seeLogs(name: string): Locator {
    return this.action(name, 'container-see-logs');
  }

  cpu(name: string): Locator {
    return this.action(name, 'container-cpu');
  }

  memory(name: string): Locator {
    return this.action(name, 'container-memory');
  }

  ports(name: string): Locator {
    return this.action(name, 'container-port');
  }

  portsMore(name: string): Locator {
    return this.action(name, 'container-ports-more');
  }

  portsAll(name: string): Locator {
    return this.action(name, 'container-ports-all');
  }

  /** The ports in the open "+N more" list. */
  allPorts(name: string): Locator {
    return this.portsAll(name).getByTestId('container-port');
  }

  more(name: string): Locator {
    return this.action(name, 'container-more');
  }
}

/** The confirmation before a container is removed. */
export class RemoveContainerDialog {
  readonly root: Locator;
  readonly runningWarning: Locator;
  readonly confirm: Locator;
  readonly force: Locator;

  constructor(page: Page) {
    this.root = page.getByTestId('remove-container-dialog');
    this.runningWarning = this.root.getByTestId('remove-running-warning');
    this.confirm = this.root.getByTestId('confirm-remove-container');
    this.force = this.root.getByTestId('force-remove-container');
  }
}
