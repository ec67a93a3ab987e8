import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { currentAuthor, findGit } from '../../src/vscode/author';
import { workspaceRoot } from './helpers';

describe('programs a workspace ships', () => {
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('newsAnnotator');
  let savedPath: string | undefined;

  afterEach(async () => {
    if (savedPath !== undefined) process.env.PATH = savedPath;
    savedPath = undefined;
    await config().update('author', undefined, vscode.ConfigurationTarget.Global);
  });

  it('asks the git installed on the machine who is tagging, never a git inside the workspace, even first on PATH', async function () {
    if (process.platform === 'win32') this.skip();
    const bin = path.join(workspaceRoot().fsPath, 'safety-bin');
    const marker = path.join(workspaceRoot().fsPath, 'safety-bin-ran');
    fs.mkdirSync(bin, { recursive: true });
    fs.writeFileSync(path.join(bin, 'git'), `#!/bin/sh\necho ran > '${marker}'\necho Mallory\n`, { mode: 0o755 });
    savedPath = process.env.PATH;
    process.env.PATH = `${bin}${path.delimiter}.${path.delimiter}${savedPath}`;
    await config().update('author', '', vscode.ConfigurationTarget.Global);

    const git = findGit();
    assert.ok(git === undefined || !git.startsWith(workspaceRoot().fsPath), `git found at ${git}`);
    const author = await currentAuthor(vscode.Uri.joinPath(workspaceRoot(), '000_66182b2613313ed4.txt'));
    assert.notEqual(author, 'Mallory');
    assert.ok(author.length > 0);
    assert.equal(fs.existsSync(marker), false, 'the planted git never ran');
  });
});
