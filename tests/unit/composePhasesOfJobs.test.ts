import { describe, expect, it } from 'vitest';
import type { ComposeJob } from '../../src/shared/compose';
import { Emitter } from '../../src/shared/emitter';
import { phasesOfJobs } from '../../src/main/compose/composeProjects';

function job(overrides: Partial<ComposeJob> & Pick<ComposeJob, 'id' | 'phases'>): ComposeJob {
  return {
    target: { projectName: 'shop', folder: '/srv/shop', files: [] },
    action: 'up',
    services: [],
    commandLine: 'docker compose up -d',
    state: 'running',
    output: [],
    outputTruncated: false,
    exitCode: null,
    startedAt: 1,
    finishedAt: null,
    removedVolumes: [],
    error: null,
    ...overrides,
  };
}

describe('the phases of the compose jobs', () => {
  it('takes the running jobs’ phases by project, a later command’s winning, and says when a job changes', () => {
    let jobs: ComposeJob[] = [
      job({ id: 'old', startedAt: 1, phases: { web: 'pulling', db: 'creating' } }),
      job({ id: 'new', startedAt: 2, phases: { web: 'stopping' } }),
      job({ id: 'done', startedAt: 3, state: 'done', phases: { web: 'starting' } }),
      job({
        id: 'blog',
        startedAt: 4,
        target: { projectName: 'blog', folder: '/srv/blog', files: [] },
        phases: { api: 'building' },
      }),
    ];
    const changes = new Emitter<ComposeJob>();
    const source = phasesOfJobs({ list: () => jobs, subscribe: (emit) => changes.event(emit) });
    expect(Object.fromEntries(source.phases())).toEqual({
      shop: { web: 'stopping', db: 'creating' },
      blog: { api: 'building' },
    });

    let told = 0;
    const stop = source.onPhasesChange(() => (told += 1));
    jobs = jobs.map((entry) => (entry.id === 'blog' ? { ...entry, state: 'done' } : entry));
    changes.fire(jobs[3]!);
    expect(told).toBe(1);
    expect(source.phases().has('blog')).toBe(false);
    stop();
    changes.fire(jobs[0]!);
    expect(told).toBe(1);
  });
});
