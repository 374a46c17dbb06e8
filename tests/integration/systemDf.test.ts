import { describe, expect, it } from 'vitest';
import { readSystemDf } from '../../src/main/engine/systemDf';
import { engineClient } from '../fixtures/engineClient';
import { requireEngine } from '../fixtures/dockerCli';

/*
 * dockerd runs one disk usage walk at a time and refuses the others ("a disk usage operation is
 * already running"): Berth's disk page, its reclaimable hint and lesson 8's measurements can ask at
 * the same moment, and so can `docker system df` in a terminal.
 */
describe.skipIf(!requireEngine.available)('GET /system/df asked several times at once', () => {
  it('answers every one of them', async () => {
    const client = engineClient();
    const answers = await Promise.all([1, 2, 3, 4].map(() => readSystemDf(client)));
    expect(answers).toHaveLength(4);
    for (const answer of answers) expect(answer).toHaveProperty('Images');
  });
});
