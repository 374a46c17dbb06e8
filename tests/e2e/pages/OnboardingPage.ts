import type { Locator, Page } from '@playwright/test';

/** The first-run guide: its steps, what it detects, and the hello-world run it explains. */
export class OnboardingPage {
  readonly root: Locator;
  readonly next: Locator;
  readonly skip: Locator;
  readonly dashboard: Locator;
  readonly tryRedis: Locator;
  readonly runHello: Locator;
  readonly explain: Locator;
  readonly conceptCards: Locator;
  readonly commands: Locator;
  readonly installGuide: Locator;
  readonly waiting: Locator;

  constructor(private readonly page: Page) {
    this.root = page.getByTestId('onboarding');
    this.next = page.getByTestId('onboarding-next');
    this.skip = page.getByTestId('onboarding-skip');
    this.dashboard = page.getByTestId('onboarding-dashboard');
    this.tryRedis = page.getByTestId('onboarding-try-redis');
    this.runHello = page.getByTestId('onboarding-run-hello');
    this.explain = page.getByTestId('onboarding-explain');
    this.conceptCards = page.getByTestId('concept-card');
    this.commands = page.getByTestId('onboarding-command');
    this.installGuide = page.getByTestId('install-guide');
    this.waiting = page.getByTestId('onboarding-waiting');
  }

  language(choice: 'en' | 'ko'): Locator {
    return this.page.getByTestId(`onboarding-language-${choice}`);
  }

  /** What the guide detected: endpoint, cli, desktop (`detect-<what>`). */
  detected(what: string): Locator {
    return this.page.getByTestId(`detect-${what}`);
  }
}
