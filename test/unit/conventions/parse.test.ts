import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import fc from 'fast-check';
import { Conventions, conventionsFromText, CONVENTIONS_FILE_NAME, defaultConventionsText, MAX_CONVENTIONS_LENGTH, parseConventions, RULE_IDS, type ConventionsProblem } from '../../../src/core/conventions';
import { fixturePath, readFixture } from '../../support/paths';

const codes = (problems: readonly ConventionsProblem[]): string[] => problems.map((p) => `${p.code}@${p.line + 1}`);

describe('reading a conventions file', () => {
  it('applies the minimal file exactly as the documentation writes it', () => {
    const { conventions, problems } = conventionsFromText(readFixture('conventions', 'minimal', CONVENTIONS_FILE_NAME));
    assert.deepEqual(problems, []);
    assert.equal(conventions.openKinds, false);
    assert.deepEqual(conventions.kinds.ids(), ['claim', 'speculation', 'attribution', 'opinion', 'statistic']);
    const statistic = conventions.kinds.get('statistic')!;
    assert.deepEqual(
      { label: statistic.label, description: statistic.description, color: statistic.color, icon: statistic.icon, key: statistic.key },
      { label: 'Statistic', description: 'A figure whose source must be named.', color: { light: '#00796b', dark: '#4db6ac' }, icon: 'graph', key: 't' },
    );
    assert.equal(conventions.kinds.byKey('t')?.id, 'statistic');
    assert.equal(conventions.kinds.get('claim')?.label, 'Claim', 'a default kind keeps what the file does not change');
    const [verdict, source] = conventions.fieldsOf('claim');
    assert.deepEqual(verdict, { name: 'verdict', type: 'enum', label: 'Verdict', required: true, values: ['accurate', 'misleading', 'inaccurate', 'unsupported'] });
    assert.deepEqual(source, { name: 'source_url', type: 'url', label: 'Source URL', required: false });
    assert.deepEqual(conventions.cues, { speculation: { add: ['is understood to'], remove: ['may'] } });
    assert.equal(conventions.severityOf('undefined-kind'), 'error', 'open_kinds: false makes an undefined kind an error');
  });

  it('gives a workspace without a file the four default kinds, open, with no fields', () => {
    const { conventions, problems } = conventionsFromText('version: 1\n');
    assert.deepEqual(problems, []);
    assert.deepEqual(conventions.kinds.ids(), ['claim', 'speculation', 'attribution', 'opinion']);
    assert.equal(conventions.openKinds, true);
    assert.equal(conventions.severityOf('undefined-kind'), 'warning');
    assert.deepEqual([...conventions.fields], []);
  });

  it('reads rating scales best first, with labels and the values off the scale', () => {
    const { conventions, problems } = conventionsFromText(readFixture('conventions', 'extends', 'shared', 'newsroom.yaml'));
    assert.deepEqual(problems, []);
    const scale = conventions.ratings.get('verdict')!;
    assert.deepEqual([scale.best, scale.worst], ['accurate', 'inaccurate']);
    assert.deepEqual(scale.values.map((v) => v.label), ['Accurate', 'Mostly accurate', 'Misleading', 'Inaccurate', 'Unsupported']);
    const verdict = conventions.field('claim', 'verdict')!;
    assert.deepEqual(verdict.values, ['accurate', 'mostly-accurate', 'misleading', 'inaccurate', 'unsupported'], 'an enum bound to a scale takes its values');
    assert.deepEqual(verdict.requiredWhen, { review: ['reviewed'] });
    assert.equal(conventions.valueLabel(verdict, 'mostly-accurate'), 'Mostly accurate');
    assert.deepEqual(conventions.enumFields().map((f) => f.name), ['review', 'verdict']);
  });

  it('reports every bad input of the fixtures at its line, with the expected code and severity', () => {
    const dir = fixturePath('conventions', 'bad');
    const names = fs.readdirSync(dir).filter((n) => n.endsWith('.yaml'));
    assert.ok(names.length >= 15);
    const misses: string[] = [];
    for (const name of names) {
      const text = fs.readFileSync(`${dir}/${name}`, 'utf8');
      const expected = [...text.matchAll(/^# expect: (\S+) (\d+) (\S+)$/gm)].map((m) => `${m[1]}@${m[2]} ${m[3]}`);
      assert.ok(expected.length > 0, `${name} says what it expects`);
      const { problems } = conventionsFromText(text, name);
      const found = problems.map((p) => `${p.code}@${p.line + 1} ${p.severity}`);
      for (const want of expected) if (!found.includes(want)) misses.push(`${name}: expected ${want}, found ${found.join('; ')}`);
      for (const problem of problems) assert.equal(problem.file, name);
    }
    assert.deepEqual(misses, []);
  });

  it('keeps what is valid in a file that also has errors, so no team kind is lost to a typo elsewhere', () => {
    const { conventions, problems } = conventionsFromText(readFixture('conventions', 'bad', 'bad-color.yaml'));
    assert.deepEqual(codes(problems), ['bad-color@6', 'bad-color@8']);
    assert.ok(conventions.kinds.has('statistic'), 'the kind with the bad colour is kept, with a colour of its own');
    assert.ok(conventions.kinds.has('prediction'));
    assert.notEqual(conventions.kinds.get('statistic')!.color.light, conventions.kinds.get('prediction')!.color.light);
  });

  it('says at the entry when the detector leaves a cue out: a number word added, a word removed that is no cue', () => {
    const { problems } = parseConventions('version: 1\ncues:\n  speculation:\n    add: ["is understood to", twenty]\n    remove: [may, banana]\n');
    assert.deepEqual(codes(problems).sort(), ['bad-value@4', 'bad-value@5']);
    assert.ok(problems.every((p) => p.severity === 'warning'));
    assert.match(problems.find((p) => p.line === 3)!.message, /'twenty' is read as a number/);
    assert.equal(problems.find((p) => p.line === 3)!.column, 30, 'at the entry itself');
  });

  it('refuses a 10 MB file before parsing it, and says so at its first line', () => {
    // It ends in a syntax error and an unknown key: had it been parsed, those would show too.
    const text = `version: 1\nkinds:\n${'  # padding\n'.repeat(1_000_000)}bogus: [\n`;
    assert.ok(text.length > 10_000_000 && text.length > MAX_CONVENTIONS_LENGTH);
    const { problems, layer } = parseConventions(text);
    assert.deepEqual(codes(problems), ['too-large@1']);
    assert.deepEqual(layer.kinds, [], 'nothing of it is read');
  });

  it('reports an alias bomb once, without resolving it', () => {
    const bomb = ['version: 1', 'a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`)].join('\n');
    const { problems } = parseConventions(bomb);
    assert.equal(problems.filter((p) => p.code === 'yaml-alias').length, 1);
  });

  it('suggests the key meant when one is misspelt', () => {
    const { problems } = conventionsFromText('version: 1\nkinds:\n  claim:\n    lable: Checkable claim\n');
    assert.match(problems[0].message, /Did you mean "label"\?/);
  });

  it('refuses a field named like a key every tag has, such as status', () => {
    const { problems } = conventionsFromText('version: 1\nkinds:\n  claim:\n    fields:\n      status: {type: enum, values: [open, reviewed]}\n');
    assert.deepEqual(codes(problems), ['bad-field-name@5']);
  });

  it('never throws and always gives positions inside the text, whatever the input', () => {
    const yamlish = fc.stringMatching(/^[a-z_:{}[\]\-#&*!|>"' \n0-9,.]{0,200}$/);
    const structured = fc
      .record({
        version: fc.oneof(fc.constant(1), fc.integer(), fc.string()),
        open_kinds: fc.oneof(fc.boolean(), fc.string()),
        kinds: fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.constant(null), fc.string(), fc.record({ label: fc.string(), key: fc.string({ maxLength: 2 }), color: fc.string(), fields: fc.dictionary(fc.string({ maxLength: 6 }), fc.record({ type: fc.constantFrom('enum', 'string', 'url', 'date', 'boolean', 'x'), values: fc.array(fc.string()), required: fc.boolean() })) }, { requiredKeys: [] }))),
        cues: fc.dictionary(fc.constantFrom('speculation', 'opinion', 'attribution', 'other'), fc.record({ add: fc.array(fc.string()), remove: fc.array(fc.string()) })),
        rules: fc.dictionary(fc.string({ maxLength: 12 }), fc.string({ maxLength: 8 })),
      }, { requiredKeys: [] })
      .map((value) => JSON.stringify(value));
    fc.assert(
      fc.property(fc.oneof(yamlish, structured, fc.string()), (text) => {
        const { problems } = conventionsFromText(text);
        const lines = text.split(/\r\n|\r|\n/).length;
        for (const p of problems) assert.ok(p.line >= 0 && p.line < lines && p.column >= 0, JSON.stringify(p));
      }),
      { numRuns: 400 },
    );
  });
});

describe('the file Create Conventions File writes', () => {
  it('holds exactly the defaults in force without a file', () => {
    const { conventions, problems } = conventionsFromText(defaultConventionsText());
    assert.deepEqual(problems, []);
    assert.deepEqual(conventions.kinds.list(), Conventions.defaults.kinds.list());
    assert.equal(conventions.openKinds, true);
    for (const id of RULE_IDS) assert.equal(conventions.severityOf(id), Conventions.defaults.severityOf(id), id);
  });
});
