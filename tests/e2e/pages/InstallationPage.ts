import type { Locator, Page } from '@playwright/test';

/** A fact the Installation check lists, as `docker version` prints it. */
export type InstallationFact =
  | 'client-version'
  | 'client-api-version'
  | 'client-git-commit'
  | 'client-go-version'
  | 'client-context'
  | 'client-built'
  | 'server-product'
  | 'server-version'
  | 'server-api-version'
  | 'server-os-arch'
  | 'server-go-version'
  | 'server-experimental'
  | 'server-built';

/** The Installation check screen: whether Docker runs, and the versions it reports. */
export class InstallationPage {
  readonly ready: Locator;
  readonly waiting: Locator;
  readonly openOnboarding: Locator;
  readonly serverCard: Locator;
  readonly podmanNote: Locator;
  readonly copyReport: Locator;

  constructor(private readonly page: Page) {
    this.ready = page.getByTestId('ready');
    this.waiting = page.getByTestId('waiting');
    this.openOnboarding = page.getByTestId('open-onboarding');
    this.serverCard = page.getByTestId('server-card');
    this.podmanNote = page.getByTestId('podman-note');
    this.copyReport = page.getByTestId('copy-report');
  }

  fact(name: InstallationFact): Locator {
    return this.page.getByTestId(name);
  }

  /** A server component other than the engine (containerd, runc, ...). */
  component(name: string): Locator {
    return this.page.getByTestId(`component-${name}`);
  }
}
