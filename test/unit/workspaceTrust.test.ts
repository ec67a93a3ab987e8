import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../support/paths';

interface Setting {
  type: string | string[];
  scope?: string;
  description?: string;
  markdownDescription?: string;
}

const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  capabilities: { untrustedWorkspaces: { supported: boolean | 'limited'; description?: string; restrictedConfigurations?: string[] } };
  contributes: { configuration: { properties: Record<string, Setting> } | Array<{ properties: Record<string, Setting> }> };
};
const settings: Record<string, Setting> = Object.assign({}, ...[manifest.contributes.configuration].flat().map((c) => c.properties));
const trust = manifest.capabilities.untrustedWorkspaces;

describe('Restricted Mode', () => {
  it('is supported in part, with the settings that must not come from an untrusted workspace listed', () => {
    assert.equal(trust.supported, 'limited');
    assert.ok(trust.description, 'VS Code shows what is limited');
    assert.ok(trust.restrictedConfigurations && trust.restrictedConfigurations.length > 0);
  });

  it('lists only settings the extension has', () => {
    for (const key of trust.restrictedConfigurations ?? []) assert.ok(settings[key], key);
  });

  it('takes from the user only where sidecars are written and whose name tags carry', () => {
    for (const key of ['newsAnnotator.sidecar.location', 'newsAnnotator.sidecar.mirrorFolder', 'newsAnnotator.author']) {
      assert.ok(trust.restrictedConfigurations?.includes(key), key);
    }
  });

  it('restricts every text setting a workspace can set that names a place, a file or a program', () => {
    const repositoryScoped = Object.entries(settings).filter(([, s]) => s.scope !== 'application' && s.scope !== 'machine');
    const places = repositoryScoped.filter(([, s]) => [s.type].flat().includes('string') && /\b(folder|path|directory|file|program|command|executable)\b/i.test(`${s.description ?? ''} ${s.markdownDescription ?? ''}`));
    assert.ok(places.length > 0);
    for (const [key] of places) assert.ok(trust.restrictedConfigurations?.includes(key), `${key} steers a place or a program`);
  });
});
