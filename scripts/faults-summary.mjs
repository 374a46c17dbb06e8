// The fault-injection summary: faults injected, survived and data lost (test-results/faults.json,
// one row per injected fault, appended by tests/fixtures/faultTools.ts) and the bad inputs the
// contract fuzz tried and how many were accepted (test-results/fuzz.json). Exits 1 unless every
// fault was survived without data lost, no bad input was accepted and no test failed.
//
//   node scripts/faults-summary.mjs          print the table
//   node scripts/faults-summary.mjs --reset  forget the last run's results (before a new run)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test-results');
const files = {
  faults: path.join(dir, 'faults.json'),
  fuzz: path.join(dir, 'fuzz.json'),
  vitest: path.join(dir, 'faults-vitest.json'),
};

if (process.argv.includes('--reset')) {
  fs.mkdirSync(dir, { recursive: true });
  for (const file of Object.values(files)) fs.rmSync(file, { force: true });
  process.exit(0);
}

const problems = [];
const read = (file) => {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    problems.push(`no results at ${path.relative(process.cwd(), file)}`);
    return null;
  }
};

const pad = (value, width, right = false) => {
  // Notes may quote what a fault put in front of the user (a corrupt file's bytes): keep the table readable.
  // eslint-disable-next-line no-control-regex
  const text = String(value).replace(/[\u0000-\u001f\u007f-\u009f\ufffd]/g, '?');
  if (text.length > width) return `${text.slice(0, width - 1)}…`;
  return right ? text.padStart(width) : text.padEnd(width);
};

// A fault run twice keeps its latest row.
const rows = [...new Map((read(files.faults) ?? []).map((row) => [row.fault, row])).values()];
const totals = rows.reduce(
  (sum, row) => ({
    injected: sum.injected + row.injected,
    survived: sum.survived + row.survived,
    dataLost: sum.dataLost + row.dataLost,
  }),
  { injected: 0, survived: 0, dataLost: 0 },
);

console.log('\nFaults (test-results/faults.json)\n');
console.log(
  `${pad('fault', 52)} ${pad('injected', 8, true)} ${pad('survived', 8, true)} ${pad('data lost', 9, true)}  notes`,
);
console.log('-'.repeat(120));
for (const row of rows) {
  console.log(
    `${pad(row.fault, 52)} ${pad(row.injected, 8, true)} ${pad(row.survived, 8, true)} ${pad(row.dataLost, 9, true)}  ${pad(row.notes ?? '', 90)}`,
  );
}
console.log('-'.repeat(120));
console.log(
  `${pad('total', 52)} ${pad(totals.injected, 8, true)} ${pad(totals.survived, 8, true)} ${pad(totals.dataLost, 9, true)}`,
);

const fuzz = read(files.fuzz) ?? {};
const fuzzTotals = { tried: 0, accepted: 0, engineRequests: 0 };
console.log('\nBad inputs (test-results/fuzz.json)\n');
console.log(
  `${pad('transport', 52)} ${pad('tried', 8, true)} ${pad('accepted', 8, true)} ${pad('reached engine', 15, true)}`,
);
console.log('-'.repeat(86));
for (const [transport, record] of Object.entries(fuzz)) {
  for (const key of Object.keys(fuzzTotals)) fuzzTotals[key] += record[key] ?? 0;
  console.log(
    `${pad(transport, 52)} ${pad(record.tried, 8, true)} ${pad(record.accepted, 8, true)} ${pad(record.engineRequests, 15, true)}`,
  );
}
console.log('-'.repeat(86));
console.log(
  `${pad('total', 52)} ${pad(fuzzTotals.tried, 8, true)} ${pad(fuzzTotals.accepted, 8, true)} ${pad(fuzzTotals.engineRequests, 15, true)}`,
);

if (fs.existsSync(files.vitest)) {
  const report = read(files.vitest);
  if (report && report.numFailedTests > 0) problems.push(`${report.numFailedTests} test(s) failed`);
  if (report && report.numTotalTests === 0) problems.push('no test ran');
}
if (rows.length === 0) problems.push('no fault was injected');
if (totals.survived < totals.injected) problems.push(`${totals.injected - totals.survived} fault(s) not survived`);
if (totals.dataLost > 0) problems.push(`${totals.dataLost} item(s) of data lost`);
if (fuzzTotals.tried === 0) problems.push('no bad input was tried');
if (fuzzTotals.accepted > 0) problems.push(`${fuzzTotals.accepted} bad input(s) accepted`);
if (fuzzTotals.engineRequests > 0) problems.push(`${fuzzTotals.engineRequests} engine request(s) caused by bad inputs`);

console.log(
  `\nfaults injected: ${totals.injected}, survived: ${totals.survived}, data lost: ${totals.dataLost}; ` +
    `bad inputs tried: ${fuzzTotals.tried}, accepted: ${fuzzTotals.accepted}`,
);
for (const problem of problems) console.log(`faults-summary: ${problem}`);
process.exit(problems.length > 0 ? 1 : 0);
