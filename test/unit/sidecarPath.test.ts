import * as assert from 'node:assert/strict';
import { SIDECAR_SUFFIX, articlePathFor, baseName, isSidecarPath, mirrorFolderProblem, normalise, relocatedSidecarPath, sidecarPathFor, type SidecarLocation } from '../../src/core/sidecarPath';

describe('sidecar paths', () => {
  const mirror: SidecarLocation = { location: 'mirror', mirrorFolder: '.annotations', workspaceRoot: '/home/ada/desk' };

  it('put the sidecar beside the article by default', () => {
    assert.equal(sidecarPathFor('/home/ada/desk/articles/article.txt'), '/home/ada/desk/articles/article.txt.tags.yaml');
    assert.equal(SIDECAR_SUFFIX, '.tags.yaml');
  });

  it('mirror the article\'s path under the mirror folder', () => {
    assert.equal(sidecarPathFor('/home/ada/desk/articles/2026/article.txt', mirror), '/home/ada/desk/.annotations/articles/2026/article.txt.tags.yaml');

  });

  it('have no place at all when the mirror folder leads out of the workspace folder, however it is written', () => {
    for (const folder of ['/srv/tags', '../../../.config/autostart', 'tags/../../elsewhere', '..', '.', '', '  ', 'C:\\tags', '\\\\server\\share', '~/tags', 'a\\..\\..\\b']) {
      const options = { ...mirror, mirrorFolder: folder };
      assert.equal(sidecarPathFor('/home/ada/desk/articles/a.txt', options), undefined, folder);
      assert.equal(isSidecarPath('/srv/tags/articles/a.txt.tags.yaml', options), false, folder);
      assert.equal(relocatedSidecarPath('/home/ada/desk/articles/a.txt.tags.yaml', options), undefined, folder);
      assert.ok(mirrorFolderProblem(folder), `${folder} is refused`);
    }
    for (const folder of ['.annotations', 'tags/2026', './tags/', 'a/../tags', 'tags\\desk']) assert.equal(mirrorFolderProblem(folder), undefined, folder);
    assert.equal(sidecarPathFor('/home/ada/desk/x.txt', { ...mirror, mirrorFolder: 'tags\\desk' }), '/home/ada/desk/tags/desk/x.txt.tags.yaml');
  });

  it('have no mirrored place for an article outside the workspace or inside the mirror folder', () => {
    assert.equal(sidecarPathFor('/tmp/article.txt', mirror), undefined);
    assert.equal(sidecarPathFor('/home/ada/desk-other/article.txt', mirror), undefined);
    assert.equal(sidecarPathFor('/home/ada/desk/.annotations/x.txt', mirror), undefined);
    assert.equal(sidecarPathFor('/home/ada/desk/x.txt', { location: 'mirror', workspaceRoot: '/home/ada/desk' }), undefined);
  });

  it('find the article back from its sidecar, in both layouts', () => {
    for (const [article, options] of [
      ['/home/ada/desk/articles/article.txt', { location: 'beside' }],
      ['/home/ada/desk/articles/2026/article.txt', mirror],
      ['/c:/Users/ada/desk/article.txt.tags.yaml.txt', { location: 'beside' }],
    ] as Array<[string, SidecarLocation]>) {
      const sidecar = sidecarPathFor(article, options)!;
      assert.equal(articlePathFor(sidecar, options), article);
    }
  });

  it('move a sidecar left beside its article into the mirror folder once mirror is set, and back', () => {
    const beside: SidecarLocation = { ...mirror, location: 'beside' };
    const besideSidecar = '/home/ada/desk/articles/2026/article.txt.tags.yaml';
    const mirroredSidecar = '/home/ada/desk/.annotations/articles/2026/article.txt.tags.yaml';
    assert.equal(relocatedSidecarPath(besideSidecar, mirror), mirroredSidecar);
    assert.equal(relocatedSidecarPath(mirroredSidecar, beside), besideSidecar);
    // Already in place.
    assert.equal(relocatedSidecarPath(mirroredSidecar, mirror), undefined);
    assert.equal(relocatedSidecarPath(besideSidecar, beside), undefined);
  });

  it('move nothing that is no sidecar, lies outside the workspace, or has no mirror folder to go to', () => {
    assert.equal(relocatedSidecarPath('/home/ada/desk/articles/article.txt', mirror), undefined);
    assert.equal(relocatedSidecarPath('/tmp/article.txt.tags.yaml', mirror), undefined);
    assert.equal(relocatedSidecarPath('/home/ada/desk/article.txt.tags.yaml', { location: 'mirror', workspaceRoot: '/home/ada/desk' }), undefined);
    assert.equal(relocatedSidecarPath('/home/ada/desk/.annotations/.tags.yaml', { ...mirror, location: 'beside' }), undefined);
  });

  it('recognise sidecars by name, and in mirror mode by folder too', () => {
    assert.ok(isSidecarPath('/a/b/article.txt.tags.yaml'));
    assert.ok(!isSidecarPath('/a/b/.tags.yaml'));
    assert.ok(!isSidecarPath('/a/b/article.txt'));
    assert.ok(!isSidecarPath('/a/b/tags.yaml'));
    assert.ok(isSidecarPath('/home/ada/desk/.annotations/a.txt.tags.yaml', mirror));
    assert.ok(!isSidecarPath('/home/ada/desk/a.txt.tags.yaml', mirror));
    assert.equal(articlePathFor('/home/ada/desk/a.txt.tags.yaml', mirror), undefined);
  });

  it('normalise separators, dots and trailing slashes without Node\'s path module', () => {
    assert.equal(normalise('/a//b/./c/../d/'), '/a/b/d');
    assert.equal(normalise('/../a'), '/a');
    assert.equal(normalise('a/../../b'), '../b');
    assert.equal(sidecarPathFor('/w/x.txt', { location: 'mirror', mirrorFolder: './tags/', workspaceRoot: '/w/' }), '/w/tags/x.txt.tags.yaml');
  });

  it('give the file name a sidecar records as its article', () => {
    assert.equal(baseName('/home/ada/desk/articles/article.txt'), 'article.txt');
    assert.equal(baseName('article.txt'), 'article.txt');
  });
});
