import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

interface TestRecord {
  title: string;
  state: 'running' | 'passed' | 'failed';
  durationMs?: number;
  error?: string;
}

/**
 * Entry point VS Code calls in the extension host (`extensionTestsPath`). Runs every
 * `*.test.js` beside this file and keeps a JSON summary up to date after each test at the
 * path in NEWS_ANNOTATOR_TEST_SUMMARY, so the runner outside can report even a run that hangs.
 */
export function run(): Promise<void> {
  return runTestsIn(__dirname);
}

/** Runs every `*.test.js` in `folder` with mocha, keeping the summary as {@link run} says. */
export function runTestsIn(folder: string): Promise<void> {
  const summaryPath = process.env.NEWS_ANNOTATOR_TEST_SUMMARY;
  const grep = process.env.NEWS_ANNOTATOR_TEST_GREP;
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, slow: 5_000 });
  if (grep) mocha.grep(grep);
  for (const name of fs.readdirSync(folder).filter((n) => n.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(folder, name));
  }

  const records: TestRecord[] = [];
  const save = (): void => {
    if (summaryPath) fs.writeFileSync(summaryPath, JSON.stringify({ tests: records }, null, 2));
  };
  save();

  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      save();
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else resolve();
    });
    runner.on('test', (test) => {
      records.push({ title: test.fullTitle(), state: 'running' });
      save();
    });
    runner.on('test end', (test) => {
      const record = records.find((r) => r.title === test.fullTitle() && r.state === 'running');
      if (record && test.state === 'passed') {
        record.state = 'passed';
        record.durationMs = test.duration ?? 0;
        save();
      }
    });
    runner.on('fail', (test, error: Error) => {
      const title = test.fullTitle();
      let record = records.find((r) => r.title === title && r.state === 'running');
      if (!record) {
        // A hook failed: record it as a test of its own so the failure is counted.
        record = { title, state: 'failed' };
        records.push(record);
      }
      record.state = 'failed';
      record.durationMs = test.duration ?? 0;
      record.error = error?.stack ?? String(error);
      save();
    });
  });
}
