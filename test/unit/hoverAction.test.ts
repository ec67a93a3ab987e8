import * as assert from 'node:assert/strict';
import { checkHoverAction, hoverActionLink, type HoverActionContext } from '../../src/core/hoverAction';
import { escapeMarkdown } from '../../src/vscode/markdown';

const ARTICLE = 'file:///news/article.txt';
const OTHER = 'file:///etc/passwd';
const COMMAND = 'newsAnnotator._hoverAction';

/** One article open, 1,000 characters long, with tag t-1, a detection at 10–20 and the kinds claim and quote. */
const context: HoverActionContext = {
  documentLength: (article) => (article === ARTICLE ? 1000 : undefined),
  hasTag: (article, id) => article === ARTICLE && id === 't-1',
  isDetected: (article, start, end) => article === ARTICLE && start === 10 && end === 20,
  isActiveKind: (_article, kind) => kind === 'claim' || kind === 'quote',
};

/**
 * The targets of every link Markdown would make of `markdown`: inline links `[..](target)`
 * and autolinks `<scheme:…>`, skipping characters escaped with a backslash.
 */
function linkTargets(markdown: string): string[] {
  const targets: string[] = [];
  for (let i = 0; i < markdown.length; i++) {
    const c = markdown[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === ']' && markdown[i + 1] === '(') {
      const close = markdown.indexOf(')', i + 2);
      targets.push(markdown.slice(i + 2, close < 0 ? undefined : close));
    } else if (c === '<') {
      const close = markdown.indexOf('>', i);
      const inner = markdown.slice(i + 1, close < 0 ? undefined : close);
      if (/^[a-z][\w+.-]*:/i.test(inner)) targets.push(inner);
    }
  }
  return targets;
}

describe('hover links', () => {
  describe('what a hover link may ask for', () => {
    it('accepts an action on a tag of the open document', () => {
      assert.deepEqual(checkHoverAction({ action: 'remove', article: ARTICLE, id: 't-1' }, context), { action: 'remove', article: ARTICLE, id: 't-1' });
    });

    it('accepts tagging a detected span of the open document as a kind in effect', () => {
      assert.deepEqual(checkHoverAction({ action: 'tagAs', article: ARTICLE, start: 10, end: 20, kind: 'claim' }, context), {
        action: 'tagAs',
        article: ARTICLE,
        start: 10,
        end: 20,
        kind: 'claim',
      });
    });

    const refused: Array<[string, unknown]> = [
      ['a document that is not open', { action: 'tagAs', article: OTHER, start: 10, end: 20, kind: 'claim' }],
      ['a tag the document does not have', { action: 'remove', article: ARTICLE, id: 'no-such-tag' }],
      ['a tag of another document', { action: 'remove', article: OTHER, id: 't-1' }],
      ['an action that is not one of the hover’s', { action: 'runTerminal', article: ARTICLE, id: 't-1' }],
      ['an inherited property as action', { action: 'constructor', article: ARTICLE, id: 't-1' }],
      ['another inherited property as action', { action: '__proto__', article: ARTICLE, id: 't-1' }],
      ['a span that is not a detection', { action: 'tagAs', article: ARTICLE, start: 11, end: 20, kind: 'claim' }],
      ['a span before the document', { action: 'tagAs', article: ARTICLE, start: -1, end: 20, kind: 'claim' }],
      ['a span past its end', { action: 'tagAs', article: ARTICLE, start: 10, end: 1001, kind: 'claim' }],
      ['an empty span', { action: 'tagAs', article: ARTICLE, start: 10, end: 10, kind: 'claim' }],
      ['offsets that are not whole numbers', { action: 'tagAs', article: ARTICLE, start: 10.5, end: 20, kind: 'claim' }],
      ['offsets given as text', { action: 'tagAs', article: ARTICLE, start: '10', end: '20', kind: 'claim' }],
      ['a kind not in effect', { action: 'tagAs', article: ARTICLE, start: 10, end: 20, kind: 'retired-or-made-up' }],
      ['a tag id that is not text', { action: 'remove', article: ARTICLE, id: { toString: () => 't-1' } }],
      ['an article that is not text', { action: 'remove', article: [ARTICLE], id: 't-1' }],
      ['a list instead of one request', [{ action: 'remove', article: ARTICLE, id: 't-1' }]],
      ['nothing', undefined],
      ['text', 'remove t-1'],
    ];
    for (const [what, request] of refused) {
      it(`refuses ${what}`, () => {
        assert.equal(checkHoverAction(request, context), undefined);
      });
    }

    it('reads only the request’s own properties, not ones it inherits', () => {
      const inherited = Object.create({ action: 'remove', article: ARTICLE, id: 't-1' }) as object;
      assert.equal(checkHoverAction(inherited, context), undefined);
    });
  });

  describe('a hostile sidecar value shown in a hover', () => {
    const hostile = [
      '[Tag /etc/passwd](command:newsAnnotator.tagAs?%5B%7B%22uri%22%3A%22file%3A%2F%2F%2Fetc%2Fpasswd%22%7D%5D)',
      '\\[escaped](command:workbench.action.terminal.new)',
      '\\\\](command:workbench.action.terminal.new)',
      '<command:workbench.action.terminal.new>',
      '[x]: command:workbench.action.terminal.new\n\n[x]',
      '$(alert) <a href="command:workbench.action.terminal.new">run</a>',
      '`](command:x)` **[b](command:y)**',
    ];

    it('makes no link of its own: the only links are the hover’s checked action', () => {
      for (const note of hostile) {
        const action = { action: 'editNote', article: ARTICLE, id: 't-1' } as const;
        const markdown = `${escapeMarkdown(note)}\n\n${hoverActionLink(COMMAND, 'Edit Note', action)}`;
        const targets = linkTargets(markdown);
        assert.equal(targets.length, 1, `${note} → ${markdown}`);
        assert.ok(targets[0].startsWith(`command:${COMMAND}?`), targets[0]);
        const [argument] = JSON.parse(decodeURIComponent(targets[0].slice(`command:${COMMAND}?`.length))) as unknown[];
        assert.deepEqual(checkHoverAction(argument, context), action);
      }
    });

    it('keeps a link title from a sidecar inside its link', () => {
      const title = escapeMarkdown('Claim](command:workbench.action.terminal.new) [x');
      const targets = linkTargets(hoverActionLink(COMMAND, title, { action: 'tagAs', article: ARTICLE, start: 10, end: 20, kind: 'claim' }));
      assert.equal(targets.length, 1);
      assert.ok(targets[0].startsWith(`command:${COMMAND}?`));
    });
  });
});
