import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Commands, Views } from '../../src/ids';
import { KindRegistry } from '../../src/core/kinds';
import { repoRoot } from '../support/paths';

interface Manifest {
  name: string;
  publisher: string;
  engines: { vscode: string };
  devDependencies: Record<string, string>;
  activationEvents: string[];
  contributes: {
    keybindings: Array<{ command: string; key: string; when?: string; args?: unknown }>;
    commands: Array<{ command: string; title: string; category?: string }>;
    views: Record<string, Array<{ id: string; name: string }>>;
    menus?: Record<string, Array<{ command: string; when?: string }>>;
  };
}

const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Manifest;
const source = (file: string): string => fs.readFileSync(path.join(repoRoot, file), 'utf8');

describe('the manifest', () => {
  it('targets VS Code 1.100 with matching API types', () => {
    assert.equal(manifest.engines.vscode, '^1.100.0');
    assert.match(manifest.devDependencies['@types/vscode'], /^~?1\.100\./);
  });

  it('contributes exactly the commands named in src/ids.ts', () => {
    const contributed = manifest.contributes.commands.map((c) => c.command).sort();
    assert.deepEqual(contributed, Object.values(Commands).sort());
  });

  it('puts every palette command under the "News Annotator" category', () => {
    const hidden = new Set(
      (manifest.contributes.menus?.commandPalette ?? []).filter((m) => m.when === 'false').map((m) => m.command),
    );
    for (const command of manifest.contributes.commands) {
      if (hidden.has(command.command)) continue;
      assert.equal(command.category, 'News Annotator', `${command.command} has the category`);
    }
  });

  it('contributes the views named in src/ids.ts', () => {
    const views = Object.values(manifest.contributes.views).flat().map((v) => v.id);
    for (const id of Object.values(Views).filter((v) => v !== Views.container)) {
      assert.ok(views.includes(id), `${id} is contributed`);
    }
  });

  it('activates on the languages it serves and never on every event', () => {
    assert.ok(!manifest.activationEvents.includes('*'));
    for (const language of ['plaintext', 'markdown']) {
      assert.ok(manifest.activationEvents.includes(`onLanguage:${language}`), language);
    }
  });

  it('writes each command id literally only in src/ids.ts', () => {
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(path.join(repoRoot, dir), { withFileTypes: true })) {
        const rel = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(rel);
        else if (rel.endsWith('.ts') && rel !== path.join('src', 'ids.ts')) {
          for (const id of Object.values(Commands)) {
            if (source(rel).includes(`'${id}'`)) offenders.push(`${rel}: ${id}`);
          }
        }
      }
    };
    walk('src');
    assert.deepEqual(offenders, []);
  });

  it('binds each kind’s triage key, Enter, Space, Backspace and Escape only while a triage runs', () => {
    const triage = manifest.contributes.keybindings.filter((k) => k.command.startsWith('newsAnnotator.triage') || k.command === Commands.stopTriage);
    for (const kind of KindRegistry.defaults.list()) {
      const binding = triage.find((k) => k.command === Commands.triageKey && k.args === kind.key);
      assert.ok(binding, `${kind.label} has its key ${kind.key}`);
      assert.equal(binding.key, kind.key);
    }
    const keyOf = (command: string): string[] => triage.filter((k) => k.command === command).map((k) => k.key);
    assert.deepEqual(keyOf(Commands.triageAccept), ['enter']);
    assert.ok(keyOf(Commands.triageSkip).includes('space'));
    assert.ok(keyOf(Commands.triageBack).includes('backspace'));
    assert.deepEqual(keyOf(Commands.stopTriage), ['escape']);
    for (const binding of triage) assert.match(binding.when ?? '', /newsAnnotator\.triageActive/, `${binding.key} is bound only during triage`);
  });
});
