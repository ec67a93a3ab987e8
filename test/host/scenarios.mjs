// What the screenshot mode shows: each scenario drives the workbench with the keyboard and
// mouse as a person would, then the runner saves a PNG.
import { readFileSync } from 'node:fs';

/** Theme labels as the theme picker lists them. */
export const themes = {
  light: 'Light Modern',
  dark: 'Dark Modern',
  hc: 'Dark High Contrast',
  'hc-light': 'Light High Contrast',
};

/**
 * Picks a colour theme through the theme picker (Ctrl+K Ctrl+T). The workbench served by
 * code-server does not take `workbench.colorTheme` from a fresh profile's settings file, so
 * the screenshots choose the theme as a person would.
 */
export async function selectTheme(page, label) {
  const expected = { 'Light Modern': 'vs', 'Dark Modern': 'vs-dark', 'Dark High Contrast': 'hc-black', 'Light High Contrast': 'hc-light' }[label];
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+T');
    await page.waitForSelector('.quick-input-widget', { state: 'visible' });
    await page.keyboard.type(label);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
    await row.waitFor({ state: 'visible', timeout: 10_000 }).catch(() => undefined);
    await page.keyboard.press('Enter');
    await page.waitForTimeout(800);
    // eslint-disable-next-line no-undef -- this function runs in the page, where `document` exists
    const applied = await page.evaluate((cls) => document.querySelector('.monaco-workbench')?.classList.contains(cls) ?? false, expected);
    if (applied) return;
    await page.keyboard.press('Escape');
  }
  throw new Error(`the theme ${label} could not be selected`);
}

/** Opens a workspace file through Quick Open (Ctrl+P). */
export async function openFile(page, name) {
  await page.keyboard.press('Control+P');
  await page.waitForSelector('.quick-input-widget', { state: 'visible' });
  await page.keyboard.type(name);
  // The first file search of a session can take a moment: wait for the file's row.
  await page
    .locator('.quick-input-list .monaco-list-row', { hasText: name })
    .first()
    .waitFor({ state: 'visible', timeout: 20_000 });
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab', { hasText: name }).first().waitFor({ state: 'visible', timeout: 20_000 });
  await page.waitForSelector('.monaco-editor .view-lines', { state: 'visible' });
  await page.waitForTimeout(800);
}

/** Runs a command by its palette title (F1). */
export async function runCommand(page, title) {
  await page.keyboard.press('F1');
  await page.waitForSelector('.quick-input-widget', { state: 'visible' });
  await page.keyboard.type(title);
  await page.waitForTimeout(600);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(600);
}

/** Clicks the News Annotator item in the activity bar. */
export async function openPanel(page) {
  await page.click('.activitybar [aria-label^="News Annotator"]');
  await page.mouse.move(700, 12); // the title bar: no tooltip or hover in the picture
  await page.waitForTimeout(800);
}

/** Selects the first match of `text` in the active editor with the Find widget, as a person would. */
export async function selectText(page, text) {
  await page.keyboard.press('Control+F');
  await page.waitForSelector('.find-widget.visible', { state: 'visible' });
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(250);
  await page.keyboard.press('Escape');
  await page.waitForTimeout(150);
}

/** Presses the News Annotator chord: Ctrl+Alt+N, then `key`. */
export async function chord(page, key) {
  await page.keyboard.press('Control+Alt+N');
  await page.keyboard.press(key);
  await page.waitForTimeout(400);
}

/** Tags each [text, kind key] pair in the active editor with the keyboard. */
async function tagAll(page, pairs) {
  for (const [text, key] of pairs) {
    await selectText(page, text);
    await chord(page, key);
  }
}

const firstArticleTags = [
  ['upwards of 1,000 troops per day', 'c'],
  ['“This is not a sign of strength, but a sign of weakness.”', 'a'],
  ['could lead to a broader conflict', 's'],
  ['10,000 or more', 'c'],
  ['Kim is not stupid', 'o'],
  ['Axis of Aggressors', 'o'],
];
const secondArticleTags = [
  ['four brigades, comprising 12,000 troops', 'c'],
  ['“fake news”', 'a'],
  ['may prompt stronger reactions from NATO', 's'],
];

async function tagTwoArticles(page) {
  await openFile(page, '002_1d5a32230170d5dd.txt');
  await tagAll(page, secondArticleTags);
  await openFile(page, '000_66182b2613313ed4.txt');
  await tagAll(page, firstArticleTags);
}

/**
 * A Markdown article as written in a repository: front matter, hard-wrapped prose with an
 * attribution and a number broken over line breaks, a code block and inline code, a link.
 */
const MARKDOWN_ARTICLE = `---
title: "Troops in Kursk: 10,000 more"
date: 2024-11-01
---

# Troops in Kursk

The offensive will go on through the winter, according to
the defence minister, who told reporters that about 1.5
million shells had been delivered since August. “We have seen
the convoys and the camps,” she said.

\`\`\`python
# How the figure was checked: not prose, so nothing is highlighted.
shells = "1.5 million"  # 2024-11-01
\`\`\`

The [ministry's statement](https://example.org/2024/11/01 "Statement, 1 November")
gives the date as \`2024-11-04\`; officials said it “could change”.
`;

/**
 * A team's conventions for the screenshots: the documentation's minimal file (a fifth kind
 * with its own colour, a required verdict), with opinion retired.
 */
const TEAM_CONVENTIONS = readFileSync(new URL('../fixtures/conventions/minimal/.news-annotator.yaml', import.meta.url), 'utf8').replace('cues:', '  opinion:\n    retired: true\ncues:');

/** Tags a colleague wrote by hand, two of them breaking the team's rules and one of a retired kind. */
function teamSidecar() {
  const article = readFileSync(new URL('../../samples/000_66182b2613313ed4.txt', import.meta.url), 'utf8');
  const tags = [
    ['upwards of 1,000 troops per day', 'claim', [], 't-noverdict'],
    ['10,000 or more', 'statistic', [], 't-figure01'],
    ['Kim is not stupid', 'opinion', [], 't-oldopinion'],
    ['Axis of Aggressors', 'claim', ['verdict: misleadin'], 't-typo0001'],
  ];
  const blocks = tags.map(([text, kind, fields, id]) => {
    const start = article.indexOf(text);
    const line = article.slice(0, start).split('\n').length - 1;
    return [`  - text: ${text}`, `    kind: ${kind}`, ...fields.map((f) => `    ${f}`), `    start: ${start}`, `    end: ${start + text.length}`, `    line: ${line}`, `    id: ${id}`, '    author: Dana Reyes', '    created: 2026-11-22T09:16:40Z', '    updated: 2026-11-22T09:16:40Z'].join('\n');
  });
  return `version: 1\narticle: 000_66182b2613313ed4.txt\ntags:\n${blocks.join('\n')}\n`;
}

export const scenarios = {
  'markdown-article': {
    files: { 'kursk.md': MARKDOWN_ARTICLE },
    async run(page) {
      await openFile(page, 'kursk.md');
      await openPanel(page);
    },
  },
  article: {
    async run(page) {
      await openFile(page, '000_66182b2613313ed4.txt');
      await openPanel(page);
    },
  },
  highlights: {
    async run(page) {
      await openFile(page, '000_66182b2613313ed4.txt');
      await openPanel(page);
      await selectText(page, '1,000 troops per day');
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
      await page.waitForTimeout(900);
    },
  },
  tagging: {
    async run(page) {
      await openFile(page, '000_66182b2613313ed4.txt');
      await tagAll(page, firstArticleTags);
      await openPanel(page);
      await selectText(page, 'Kim is not');
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
      await page.waitForTimeout(900);
    },
  },
  'panel-by-file': {
    async run(page) {
      await tagTwoArticles(page);
      await openPanel(page);
    },
  },
  'panel-by-kind': {
    async run(page) {
      await tagTwoArticles(page);
      await openPanel(page);
      await runCommand(page, 'News Annotator: Group Tags by Kind');
      await page.mouse.move(700, 12);
      // Open the Claim group to show files under a kind.
      await page.locator('.pane-body .monaco-list-row', { hasText: 'Claim' }).first().click();
      await page.waitForTimeout(500);
      await page.keyboard.press('ArrowRight');
      await page.waitForTimeout(600);
    },
  },
  'team-kinds': {
    files: { '.news-annotator.yaml': TEAM_CONVENTIONS },
    async run(page) {
      await openFile(page, '000_66182b2613313ed4.txt');
      await openPanel(page);
      for (const [text, kind] of [['10,000 or more', 'Statistic'], ['1,000 troops per day', 'Statistic']]) {
        await selectText(page, text);
        await chord(page, 'T');
        await page.keyboard.type(kind);
        await page.waitForTimeout(300);
        await page.keyboard.press('Enter');
        await page.waitForTimeout(600);
      }
      await selectText(page, 'could lead to a broader conflict');
      await chord(page, 'S');
      await selectText(page, 'Russia is losing upwards');
      await chord(page, 'C');
      await page.keyboard.type('misleading');
      await page.waitForTimeout(300);
      await page.keyboard.press('Enter');
      await page.waitForTimeout(600);
      await selectText(page, 'around 10 days');
      await chord(page, 'T');
      await page.waitForTimeout(900);
    },
  },
  'team-problems': {
    files: { '.news-annotator.yaml': TEAM_CONVENTIONS, '000_66182b2613313ed4.txt.tags.yaml': teamSidecar() },
    async run(page) {
      await openFile(page, '000_66182b2613313ed4.txt');
      await openPanel(page);
      await page.keyboard.press('Control+Shift+M');
      await page.waitForTimeout(1500);
      await page.mouse.move(700, 12);
    },
  },
  triage: {
    async run(page) {
      await openFile(page, '000_66182b2613313ed4.txt');
      await openPanel(page);
      await runCommand(page, 'News Annotator: Triage Detected Claims');
      await page.waitForTimeout(600);
      for (const key of ['c', 'Space', 'a']) {
        await page.keyboard.press(key);
        await page.waitForTimeout(500);
      }
    },
  },
};
