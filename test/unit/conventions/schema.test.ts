import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { parse } from 'yaml';
import { KIND_ID_PATTERN } from '../../../src/core/kinds';
import { CONVENTIONS_FILE_NAME, CONVENTIONS_VERSION, CUE_FAMILIES, FIELD_NAME_PATTERN, FIELD_TYPES, LIMITS, RULES, RULE_IDS, SEVERITIES, TOP_LEVEL_KEYS, conventionsFromText, defaultConventionsText } from '../../../src/core/conventions';
import { FIELD_KEYS, KIND_KEYS, PUBLISH_KEYS, SCALE_KEYS } from '../../../src/core/conventions/format';
import { TAG_KEYS } from '../../../src/core/sidecar';
import { schemaViolations, type Schema } from '../../support/jsonSchema';
import { fixturePath, readFixture, repoRoot } from '../../support/paths';

const schema = JSON.parse(fs.readFileSync(`${repoRoot}/schemas/conventions.schema.json`, 'utf8')) as Schema;
const properties = schema.properties as Record<string, Schema>;
const definitions = schema.definitions as Record<string, Schema>;
const keysOf = (node: Schema): string[] => Object.keys(node.properties as object);
const violations = (value: unknown): string[] => schemaViolations(value, schema, schema);

describe('the conventions JSON Schema', () => {
  it('is draft-07 and lists the keys the parser reads, in the documentation\'s order', () => {
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.deepEqual(keysOf(schema), [...TOP_LEVEL_KEYS]);
    assert.deepEqual(keysOf(definitions.kind), [...KIND_KEYS]);
    assert.deepEqual(keysOf(definitions.field), [...FIELD_KEYS]);
    assert.deepEqual(keysOf(definitions.scale), [...SCALE_KEYS]);
    assert.deepEqual(keysOf(properties.cues), [...CUE_FAMILIES]);
    assert.deepEqual(keysOf(properties.publish), [...PUBLISH_KEYS]);
  });

  it('uses the parser\'s version, patterns, field types and limits', () => {
    assert.equal(properties.version.const, CONVENTIONS_VERSION);
    assert.equal((properties.kinds.propertyNames as Schema).pattern, KIND_ID_PATTERN.source);
    const fieldNames = (definitions.kind.properties as Record<string, Schema>).fields.propertyNames as Schema;
    assert.equal(fieldNames.pattern, FIELD_NAME_PATTERN.source);
    assert.deepEqual((fieldNames.not as Schema).enum, [...TAG_KEYS]);
    assert.deepEqual((definitions.field.properties as Record<string, Schema>).type.enum, [...FIELD_TYPES]);
    assert.equal(properties.kinds.maxProperties, LIMITS.kinds);
    assert.equal(((properties.cues.properties as Record<string, Schema>).speculation.properties as Record<string, Schema>).add.maxItems, LIMITS.cueEntries);
    assert.equal(definitions.cueEntry.maxLength, LIMITS.cueEntryLength);
  });

  it('describes every rule with its default severity, from the rules table', () => {
    const rules = properties.rules.properties as Record<string, Schema>;
    assert.deepEqual(Object.keys(rules), RULE_IDS);
    for (const id of RULE_IDS) {
      assert.equal(rules[id].default, RULES[id].severity, id);
      assert.deepEqual(rules[id].enum, [...SEVERITIES], id);
      assert.ok(String(rules[id].description).startsWith(RULES[id].description), id);
    }
  });

  it('gives every property a description', () => {
    const missing: string[] = [];
    const walk = (node: Schema, path: string): void => {
      for (const [key, child] of Object.entries((node.properties as Record<string, Schema> | undefined) ?? {})) {
        if (typeof child.description !== 'string' && child.$ref === undefined) missing.push(`${path}.${key}`);
        walk(child, `${path}.${key}`);
      }
    };
    walk(schema, '$');
    for (const [name, definition] of Object.entries(definitions)) walk(definition, name);
    assert.deepEqual(missing.filter((m) => !/\.(light|dark|value|description|label|files|rules)$/.test(m) || m.startsWith('$.')), []);
  });

  it('accepts the fixtures the parser accepts and the file Create Conventions File writes', () => {
    const good = [
      readFixture('conventions', 'minimal', CONVENTIONS_FILE_NAME),
      readFixture('conventions', 'extends', 'desk', CONVENTIONS_FILE_NAME),
      readFixture('conventions', 'extends', 'shared', 'newsroom.yaml'),
      readFixture('conventions', 'rules', CONVENTIONS_FILE_NAME),
      defaultConventionsText('./schemas/conventions.schema.json'),
    ];
    for (const text of good) {
      assert.deepEqual(conventionsFromText(text).problems, []);
      assert.deepEqual(violations(parse(text)), [], text.slice(0, 80));
    }
  });

  it('rejects the bad fixtures whose fault a schema can express', () => {
    const dir = fixturePath('conventions', 'bad');
    for (const name of ['unknown-keys', 'wrong-types', 'bad-color', 'bad-field-type', 'bad-kind-id', 'unsupported-version', 'not-a-mapping', 'bad-cues', 'bad-rules', 'bad-publish', 'bad-fields', 'retired-bad']) {
      const text = fs.readFileSync(`${dir}/${name}.yaml`, 'utf8');
      assert.notDeepEqual(violations(parse(text, { maxAliasCount: -1 })), [], name);
      assert.ok(conventionsFromText(text).problems.length > 0, name);
    }
  });
});
