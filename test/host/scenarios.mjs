// What the screenshot mode shows: each scenario drives the workbench with the keyboard and
// mouse as a person would, then the runner saves a PNG.

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
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+T');
  await page.waitForSelector('.quick-input-widget', { state: 'visible' });
  await page.keyboard.type(label);
  await page.waitForTimeout(500);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(800);
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
  await page.mouse.move(900, 500); // no lingering activity-bar tooltip in the picture
  await page.waitForTimeout(800);
}

export const scenarios = {
  article: {
    async run(page) {
      await openFile(page, '000_66182b2613313ed4.txt');
      await openPanel(page);
    },
  },
};
