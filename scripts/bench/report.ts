import fs from 'node:fs';
import path from 'node:path';
import type { BenchResult } from './types';

export interface BenchReport {
  date: string;
  machine: { cpus: number; cpu_model: string | null; node: string; docker: string | null };
  results: BenchResult[];
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function metText(result: BenchResult): string {
  if (result.details.error !== undefined) return 'could not run';
  return result.met ? 'yes' : '**no**';
}

export function markdownTable(report: BenchReport): string {
  const rows = report.results.map((result) => {
    const shown = result.details.summary ?? (result.value === null ? '—' : `${result.value} ${result.unit}`);
    return `| ${cell(result.name)} | ${cell(shown)} | ${cell(result.goal)} | ${metText(result)} |`;
  });
  return ['| benchmark | result | goal | met |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

export function markdownReport(report: BenchReport): string {
  const { machine } = report;
  const lines = [
    '# Berth benchmarks',
    '',
    `${report.date} · ${machine.cpus} CPUs${machine.cpu_model ? ` (${machine.cpu_model})` : ''} · Node ${machine.node} · ` +
      `Docker Engine ${machine.docker ?? 'not answering'}`,
    '',
    markdownTable(report),
    '',
  ];
  for (const result of report.results) {
    lines.push(`## ${result.name}`, '');
    if (result.details.error !== undefined) lines.push(`- Could not run: ${result.details.error}`);
    for (const note of result.details.notes ?? []) lines.push(`- ${note}`);
    lines.push('');
  }
  return lines.join('\n');
}

/** Writes bench.json and bench.md into the directory; returns their paths. */
export function writeReports(directory: string, report: BenchReport): { json: string; markdown: string } {
  fs.mkdirSync(directory, { recursive: true });
  const json = path.join(directory, 'bench.json');
  const markdown = path.join(directory, 'bench.md');
  fs.writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  fs.writeFileSync(markdown, markdownReport(report));
  return { json, markdown };
}
