import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { parse } from 'yaml';
import {
  PERSISTED_STATUSES,
  REQUIRED_TAG_KEYS,
  SIDECAR_VERSION,
  TAG_ID_PATTERN,
  TAG_KEYS,
  TIMESTAMP_PATTERN,
  TOP_LEVEL_KEYS,
  parseSidecar,
  serialiseSidecar,
} from '../../src/core/sidecar';
import { KIND_ID_PATTERN } from '../../src/core/kinds';
import { createTag, type Tag } from '../../src/core/tags';
import { schemaViolations, type Schema } from '../support/jsonSchema';
import { fixturePath, repoRoot, sampleArticles } from '../support/paths';

const schema = JSON.parse(fs.readFileSync(`${repoRoot}/schemas/sidecar.schema.json`, 'utf8')) as Schema;
const definitions = schema.definitions as Record<string, Schema>;
const tagSchema = definitions.tag as { properties: Record<string, Schema>; required: string[] };

function violations(value: unknown, node: Schema): string[] {
  return schemaViolations(value, node, schema);
}

function readYaml(file: string): unknown {
  return parse(fs.readFileSync(file, 'utf8').replace(/^\ufeff/, ''), { maxAliasCount: 100 });
}

describe('the sidecar JSON Schema', () => {
  it('is draft-07, which the YAML extension understands', () => {
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
  });

  it('lists the top-level keys and the tag keys in the format\'s order', () => {
    assert.deepEqual(Object.keys(schema.properties as object), [...TOP_LEVEL_KEYS]);
    assert.deepEqual(Object.keys(tagSchema.properties), [...TAG_KEYS]);
  });

  it('requires what the parser requires', () => {
    assert.deepEqual(tagSchema.required, [...REQUIRED_TAG_KEYS]);
    assert.equal((schema.properties as Record<string, Schema>).version.const, SIDECAR_VERSION);
  });

  it('uses the parser\'s patterns and statuses', () => {
    assert.equal(tagSchema.properties.id.pattern, TAG_ID_PATTERN.source);
    assert.equal(tagSchema.properties.kind.pattern, KIND_ID_PATTERN.source);
    assert.equal(definitions.timestamp.pattern, TIMESTAMP_PATTERN.source);
    assert.deepEqual(tagSchema.properties.status.enum, [...PERSISTED_STATUSES]);
  });

  it('accepts every good fixture', () => {
    const dir = fixturePath('sidecars', 'good');
    for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.tags.yaml'))) {
      const value = readYaml(`${dir}/${name}`);
      if (value === null) continue;
      assert.deepEqual(violations(value, schema), [], name);
    }
  });

  it('rejects the bad fixtures whose fault a schema can express', () => {
    const dir = fixturePath('sidecars', 'bad');
    for (const name of ['unknown-version', 'missing-version', 'not-a-mapping', 'tags-not-a-list', 'wrong-type', 'negative-offset', 'missing-id', 'bad-kind-id', 'bad-status', 'tag-not-a-mapping', 'empty-text', 'note-not-text']) {
      assert.notDeepEqual(violations(readYaml(`${dir}/${name}.tags.yaml`), schema), [], name);
      assert.equal(parseSidecar(fs.readFileSync(`${dir}/${name}.tags.yaml`, 'utf8')).writable, false, name);
    }
  });

  it('accepts what the serialiser writes for tags on real articles', () => {
    for (const [name, text] of sampleArticles()) {
      const tags: Tag[] = [];
      for (const match of text.matchAll(/“[^”]{5,300}”/g)) {
        tags.push(createTag(tags, { kind: 'attribution', text, start: match.index!, end: match.index! + match[0].length, author: 'Ada', note: 'A note\nover two lines' }));
      }
      const written = serialiseSidecar(name, tags);
      assert.deepEqual(violations(parse(written), schema), [], name);
    }
  });
});
