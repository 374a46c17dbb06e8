import { describe, expect, it } from 'vitest';
import { JobTable } from '../../src/main/jobs/jobTable';

interface Job {
  id: string;
  startedAt: number;
  state: string;
}
interface Entry {
  seq: number;
  job: Job;
  settled: Promise<Job>;
}

describe('the job table of a main-process job manager', () => {
  const table = () => new JobTable<Job, Entry>((entry) => entry.job, 'build');
  const add = (jobs: JobTable<Job, Entry>, id: string, startedAt: number) => {
    const job = { id, startedAt, state: 'running' };
    const entry = { seq: jobs.nextSeq(), job, settled: Promise.resolve({ ...job, state: 'done' }) };
    jobs.add(entry);
    return entry;
  };

  it('lists the newest first; jobs of the same millisecond by the order they started', () => {
    const jobs = table();
    add(jobs, 'a', 10);
    add(jobs, 'b', 20);
    add(jobs, 'c', 20);
    expect(jobs.list().map((job) => job.id)).toEqual(['c', 'b', 'a']);
    jobs.delete('b');
    expect(jobs.list().map((job) => job.id)).toEqual(['c', 'a']);
  });

  it('subscribe sends every job now, then each update; the dispose stops it', () => {
    const jobs = table();
    const a = add(jobs, 'a', 10);
    const seen: string[] = [];
    const stop = jobs.subscribe((job) => seen.push(`${job.id}:${job.state}`));
    jobs.fire({ ...a.job, state: 'done' });
    stop();
    jobs.fire({ ...a.job, state: 'later' });
    expect(seen).toEqual(['a:running', 'a:done']);
  });

  it('settled resolves with the final state; an unknown id is not-found, named for the job', async () => {
    const jobs = table();
    add(jobs, 'a', 10);
    await expect(jobs.settled('a')).resolves.toMatchObject({ state: 'done' });
    await expect(jobs.settled('nope')).rejects.toMatchObject({ code: 'not-found', message: 'No build with id nope.' });
    expect(() => jobs.require('nope')).toThrow(expect.objectContaining({ code: 'not-found' }));
  });
});
