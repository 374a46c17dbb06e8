import { describe, expect, it } from 'vitest';
import { buildTrayModel, type TrayState } from '../../src/main/tray/trayModel';
import { createTranslator } from '../../src/shared/i18n/translator';
import { connectedStatus, disconnectedStatus } from '../fixtures/builders/engineStatus';

const en = createTranslator('en');
const ko = createTranslator('ko');

function state(over: boolean, overrides: Partial<TrayState> = {}): TrayState {
  return {
    engine: connectedStatus(),
    containers: [],
    images: [],
    recentImages: [],
    pulls: [],
    reclaimable: { reclaimableBytes: 12_345_000_000, thresholdBytes: 10e9, over, measuredAt: 1 },
    ...overrides,
  };
}

describe("the tray's reclaimable-space item", () => {
  it('offers the clean-up when the space passes the threshold, opening the Disk usage page', () => {
    const item = buildTrayModel(state(true), en).items.find((entry) => entry.id === 'disk');
    expect(item).toEqual({
      id: 'disk',
      label: '12.35GB can be freed — Clean up…',
      action: { kind: 'open-section', section: 'disk', param: null },
    });
    expect(buildTrayModel(state(true), ko).items.find((entry) => entry.id === 'disk')?.label).toBe(
      '12.35GB 확보 가능 — 정리…',
    );
  });

  it('says nothing under the threshold, before a measurement, or while the Docker server is away', () => {
    const ids = (value: TrayState) => buildTrayModel(value, en).items.map((entry) => entry.id);
    expect(ids(state(false))).not.toContain('disk');
    expect(ids(state(true, { reclaimable: null }))).not.toContain('disk');
    expect(ids(state(true, { engine: disconnectedStatus() }))).not.toContain('disk');
  });
});

describe('the tray feed follows the reclaimable hint', () => {
  it('adds the item when a notice over the threshold comes, and takes it away when it falls under', async () => {
    const { createTrayFeed } = await import('../../src/main/tray/trayState');
    const { Emitter } = await import('../../src/shared/emitter');
    const notices = new Emitter<NonNullable<TrayState['reclaimable']>>();
    let listening = 0;
    const feed = createTrayFeed({
      monitor: { getStatus: () => connectedStatus(), onStatus: () => () => undefined },
      containers: { subscribe: () => () => undefined },
      pulls: { list: () => [], onUpdate: () => () => undefined },
      reclaimable: {
        subscribe: (listener) => {
          listening += 1;
          const off = notices.event(listener);
          return () => {
            listening -= 1;
            off();
          };
        },
      },
      translate: () => en,
      coalesceMs: 0,
    });
    const models: string[][] = [];
    const off = feed.subscribe((model) => models.push(model.items.map((entry) => entry.id ?? '')));
    expect(listening).toBe(1);
    expect(models.at(-1)).not.toContain('disk');
    notices.fire({ reclaimableBytes: 20e9, thresholdBytes: 10e9, over: true, measuredAt: 1 });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(models.at(-1)).toContain('disk');
    notices.fire({ reclaimableBytes: 2e9, thresholdBytes: 10e9, over: false, measuredAt: 2 });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(models.at(-1)).not.toContain('disk');
    off();
    // Without a listener the feed stops following the hint (nothing measures for a closed menu).
    expect(listening).toBe(0);
    feed.dispose();
  });
});
