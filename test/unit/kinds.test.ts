import * as assert from 'node:assert/strict';
import { DEFAULT_KINDS, KIND_ID_PATTERN, KindRegistry, isKindId, validateKind } from '../../src/core/kinds';

describe('kinds', () => {
  it('start with claim, speculation, attribution and opinion, in that order', () => {
    assert.deepEqual(KindRegistry.defaults.ids(), ['claim', 'speculation', 'attribution', 'opinion']);
    assert.equal(KindRegistry.defaults.size, DEFAULT_KINDS.length);
  });

  it('give every default kind a valid id, a label, light and dark colours, an icon and a unique key', () => {
    for (const [index, kind] of DEFAULT_KINDS.entries()) assert.deepEqual(validateKind(kind, index), []);
    const keys = DEFAULT_KINDS.map((kind) => kind.key);
    assert.equal(new Set(keys).size, keys.length);
  });

  it('cannot be changed through the defaults', () => {
    assert.throws(() => (DEFAULT_KINDS as unknown as unknown[]).push({}));
    assert.throws(() => {
      (DEFAULT_KINDS[0] as { label: string }).label = 'Changed';
    });
  });

  it('look up by id and by triage key, and label unknown ids by the id itself', () => {
    const registry = KindRegistry.defaults;
    assert.equal(registry.get('opinion')?.label, 'Opinion');
    assert.equal(registry.byKey('s')?.id, 'speculation');
    assert.equal(registry.has('rumour'), false);
    assert.equal(registry.labelFor('rumour'), 'rumour');
  });

  it('accept ids of lower-case letters, digits and dashes that start with a letter', () => {
    for (const id of ['claim', 'needs-source', 'x1']) assert.ok(isKindId(id), id);
    for (const id of ['Claim', '1claim', 'needs source', '', 'claim_', '-claim']) assert.ok(!isKindId(id), id);
    assert.equal(KIND_ID_PATTERN.source, '^[a-z][a-z0-9-]*$');
  });

  it('report each bad field of a candidate kind with its index', () => {
    const problems = validateKind({ id: 'Bad Id', label: '', color: { light: 'red', dark: '#fff' }, icon: 'Not An Icon', key: 'ab' }, 3);
    assert.deepEqual(problems.map((p) => [p.code, p.index, p.field]), [
      ['kind-id-invalid', 3, 'id'],
      ['kind-label-missing', 3, 'label'],
      ['kind-color-invalid', 3, 'color'],
      ['kind-icon-invalid', 3, 'icon'],
      ['kind-key-invalid', 3, 'key'],
    ]);
    assert.equal(validateKind('claim')[0].code, 'kind-not-an-object');
  });

  it('build a registry from the valid candidates only, first definition of an id winning', () => {
    const rumour = { id: 'rumour', label: 'Rumour', color: { light: '#888888', dark: '#cccccc' }, icon: 'eye', key: 'c' };
    const { registry, problems } = KindRegistry.create([...DEFAULT_KINDS, rumour, { ...rumour, label: 'Again' }, { id: 'broken' }]);
    assert.deepEqual(registry.ids(), ['claim', 'speculation', 'attribution', 'opinion', 'rumour']);
    assert.equal(registry.get('rumour')?.key, undefined);
    assert.deepEqual(problems.map((p) => [p.code, p.index]), [
      ['kind-key-duplicate', 4],
      ['kind-id-duplicate', 5],
      ['kind-label-missing', 6],
      ['kind-color-invalid', 6],
      ['kind-icon-invalid', 6],
    ]);
  });

  it('merge overrides into a new registry, leaving the original as it was', () => {
    const { registry, problems } = KindRegistry.defaults.merge([
      { id: 'claim', label: 'Checkable claim' },
      { id: 'needs-source', label: 'Needs source', color: { light: '#444444', dark: '#bbbbbb' }, icon: 'link' },
    ]);
    assert.deepEqual(problems, []);
    assert.equal(registry.get('claim')?.label, 'Checkable claim');
    assert.equal(registry.get('claim')?.icon, 'megaphone');
    assert.deepEqual(registry.ids().slice(-1), ['needs-source']);
    assert.equal(KindRegistry.defaults.get('claim')?.label, 'Claim');
  });
});

describe('retired kinds', () => {
  const { registry } = KindRegistry.create([
    ...DEFAULT_KINDS.filter((kind) => kind.id !== 'opinion'),
    { ...DEFAULT_KINDS[3], retired: true },
  ]);

  it('stay in the registry for old tags but are left out of the kinds new tags may have', () => {
    assert.ok(registry.has('opinion'));
    assert.equal(registry.isRetired('opinion'), true);
    assert.deepEqual(registry.active().map((kind) => kind.id), ['claim', 'speculation', 'attribution']);
    assert.equal(registry.labelFor('opinion'), 'Opinion');
  });

  it('bind their triage key to nothing', () => {
    assert.equal(registry.byKey('o'), undefined);
    assert.equal(registry.byKey('c')?.id, 'claim');
  });

  it('tell a registry drawn alike from one with a new colour', () => {
    assert.ok(registry.looksLike(KindRegistry.defaults));
    const recoloured = KindRegistry.defaults.merge([{ id: 'claim', color: { light: '#000000', dark: '#ffffff' } }]).registry;
    assert.ok(!recoloured.looksLike(KindRegistry.defaults));
    assert.ok(KindRegistry.defaults.merge([{ id: 'claim', label: 'Checkable' }]).registry.looksLike(KindRegistry.defaults), 'a new label draws alike');
  });
});
