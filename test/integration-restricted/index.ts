import { runTestsIn } from '../integration/index';

/**
 * Entry point of the Restricted Mode suite: the runner opens a folder VS Code has not trusted
 * (see RESTRICTED in test/host/run-tests.mjs) and runs every `*.test.js` beside this file.
 */
export function run(): Promise<void> {
  return runTestsIn(__dirname);
}
