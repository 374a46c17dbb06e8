import type { Locator, Page } from '@playwright/test';

/** The Networks screen: the list, its dialogs, the diagram and "Can A reach B by name?". */
export class NetworksPage {
  readonly root: Locator;
  readonly notice: Locator;
  readonly newNetwork: Locator;
  readonly diagram: Locator;
  readonly createDialog: CreateNetworkDialog;
  readonly removeDialog: RemoveNetworkDialog;
  readonly reach: ReachCheck;

  constructor(private readonly page: Page) {
    this.root = page.getByTestId('networks-page');
    this.notice = page.getByTestId('networks-notice');
    this.newNetwork = page.getByTestId('network-new');
    this.diagram = page.getByTestId('network-diagram');
    this.createDialog = new CreateNetworkDialog(page);
    this.removeDialog = new RemoveNetworkDialog(page);
    this.reach = new ReachCheck(page);
  }

  row(name: string): Locator {
    return this.page.locator(`[data-testid=network-row][data-network="${name}"]`);
  }

  /** A network's box in the diagram. */
  box(name: string): Locator {
    return this.page.locator(`[data-testid=diagram-network][data-network="${name}"]`);
  }

  async remove(name: string): Promise<void> {
    await this.row(name).getByTestId('network-remove').click();
  }
}

export class CreateNetworkDialog {
  readonly root: Locator;
  readonly name: Locator;
  readonly subnet: Locator;
  readonly gateway: Locator;
  readonly submit: Locator;

  constructor(page: Page) {
    this.root = page.getByTestId('create-network-dialog');
    this.name = page.getByTestId('network-name');
    this.subnet = page.getByTestId('network-subnet');
    this.gateway = page.getByTestId('network-gateway');
    this.submit = page.getByTestId('create-network-submit');
  }
}

export class RemoveNetworkDialog {
  readonly root: Locator;
  readonly users: Locator;
  readonly confirm: Locator;

  constructor(page: Page) {
    this.root = page.getByTestId('remove-network-dialog');
    this.users = page.getByTestId('network-users');
    this.confirm = page.getByTestId('confirm-remove-network');
  }
}

export class ReachCheck {
  readonly root: Locator;
  readonly from: Locator;
  readonly to: Locator;
  readonly run: Locator;
  readonly result: Locator;
  readonly outcome: Locator;
  readonly why: Locator;
  readonly command: Locator;
  readonly output: Locator;
  readonly fix: Locator;

  constructor(page: Page) {
    this.root = page.getByTestId('reach-check');
    this.from = page.getByTestId('reach-from');
    this.to = page.getByTestId('reach-to');
    this.run = page.getByTestId('reach-run');
    this.result = page.getByTestId('reach-result');
    this.outcome = page.getByTestId('reach-outcome');
    this.why = page.getByTestId('reach-why');
    this.command = page.getByTestId('reach-command');
    this.output = page.getByTestId('reach-output');
    this.fix = page.getByTestId('reach-fix');
  }

  async check(from: string, to: string): Promise<void> {
    await this.from.selectOption({ label: from });
    await this.to.selectOption({ label: to });
    await this.run.click();
  }
}
