import { runCli } from './run';

runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`news-annotator: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
