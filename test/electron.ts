import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

/**
 * Runs the integration suite under a desktop VS Code downloaded by @vscode/test-electron, on
 * machines that can reach Microsoft's update server (CI here uses the code-server route).
 */
async function main(): Promise<void> {
  const repoRoot = path.resolve(__dirname, '..', '..');
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'news-annotator-ws-'));
  for (const name of fs.readdirSync(path.join(repoRoot, 'samples'))) {
    fs.copyFileSync(path.join(repoRoot, 'samples', name), path.join(workspace, name));
  }
  const fixtures = path.join(repoRoot, 'test', 'fixtures', 'workspace');
  if (fs.existsSync(fixtures)) fs.cpSync(fixtures, workspace, { recursive: true });
  try {
    await runTests({
      version: '1.100.3',
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(__dirname, 'integration', 'index'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
      extensionTestsEnv: { NEWS_ANNOTATOR_TEST_WORKSPACE: workspace, NEWS_ANNOTATOR_TEST_REPO: repoRoot },
    });
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
