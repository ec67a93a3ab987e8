import * as vscode from 'vscode';
import { parseFieldInput, requiredFields, type Conventions, type FieldSpec, type FieldValue } from '../core/conventions';

/** A prompt on screen: the quick pick or the input box, for tests to answer. */
export interface FieldPromptShown {
  /** The field asked for; undefined for a pick of a kind. */
  readonly field?: FieldSpec;
  readonly quickPick?: vscode.QuickPick<vscode.QuickPickItem & { value: FieldValue }>;
  readonly inputBox?: vscode.InputBox;
}

const shown = new vscode.EventEmitter<FieldPromptShown>();
/** Fires when a field or a kind is asked for. */
export const onDidShowPrompt = shown.event;

/** One item picked from a quick pick; undefined when the person presses Escape. */
export function pickOne<T extends vscode.QuickPickItem>(items: readonly T[], options: { title: string; placeholder?: string; active?: T; field?: FieldSpec }): Promise<T | undefined> {
  const pick = vscode.window.createQuickPick<T>();
  pick.title = options.title;
  pick.placeholder = options.placeholder;
  pick.items = items;
  pick.matchOnDescription = true;
  if (options.active) pick.activeItems = [options.active];
  return new Promise((resolve) => {
    let done = false;
    pick.onDidAccept(() => {
      const chosen = pick.selectedItems[0] ?? pick.activeItems[0];
      if (!chosen) return;
      done = true;
      resolve(chosen);
      pick.hide();
    });
    pick.onDidHide(() => {
      if (!done) resolve(undefined);
      pick.dispose();
    });
    pick.show();
    shown.fire({ field: options.field, quickPick: pick as unknown as vscode.QuickPick<vscode.QuickPickItem & { value: FieldValue }> });
  });
}

/**
 * Asks for the fields a tag of `kind` must have (and those its answers make required), one
 * prompt each: a quick pick for enums and booleans, an input box that checks the value as it
 * is typed for the rest. Undefined when the person cancels any of them: nothing is tagged.
 */
export async function askRequiredFields(conventions: Conventions, kind: string, title: string, given: Readonly<Record<string, FieldValue>> = {}): Promise<Record<string, FieldValue> | undefined> {
  const values: Record<string, FieldValue> = { ...given };
  const asked = new Set<string>();
  for (let field = requiredFields(conventions, kind, values)[0]; field; field = requiredFields(conventions, kind, values)[0]) {
    if (asked.has(field.name)) return undefined;
    asked.add(field.name);
    const value = await askField(conventions, field, title);
    if (value === undefined || value === null) return undefined;
    values[field.name] = value;
  }
  return values;
}

/** One field's prompt; undefined when cancelled. `current` preselects a value. */
export function askField(conventions: Conventions, field: FieldSpec, title: string, current?: unknown, optional = false): Promise<FieldValue | undefined | null> {
  const prompt = `${field.label}${field.description ? ` — ${field.description}` : ''}`;
  if (field.type === 'enum' || field.type === 'boolean') {
    type Item = vscode.QuickPickItem & { value: FieldValue };
    const scale = conventions.scaleOf(field);
    const items: Item[] =
      field.type === 'boolean'
        ? [
            { label: 'Yes', value: true },
            { label: 'No', value: false },
          ]
        : (field.values ?? []).map((value) => {
            const rated = scale?.values.find((v) => v.value === value);
            return { label: rated?.label ?? value, description: rated && rated.label !== value ? value : undefined, detail: rated?.description, value };
          });
    const placeholder = `${prompt}${optional ? ' (Escape leaves it as it is)' : ''}`;
    return pickOne(items, { title, placeholder, active: items.find((item) => item.value === current), field }).then((chosen) => chosen?.value);
  }
  const box = vscode.window.createInputBox();
  box.title = title;
  box.prompt = prompt;
  box.placeholder = field.type === 'url' ? 'https://…' : field.type === 'date' ? 'YYYY-MM-DD' : field.maxLength ? `at most ${field.maxLength} characters` : '';
  box.value = typeof current === 'string' ? current : '';
  return new Promise((resolve) => {
    let done = false;
    box.onDidChangeValue((text) => {
      const read = parseFieldInput(field, text);
      box.validationMessage = 'error' in read ? read.error : undefined;
    });
    box.onDidAccept(() => {
      const read = parseFieldInput(field, box.value);
      if ('error' in read) {
        box.validationMessage = read.error;
        return;
      }
      if (read.value === undefined && !optional) {
        box.validationMessage = `${field.label} is required.`;
        return;
      }
      done = true;
      resolve(read.value ?? null);
      box.hide();
    });
    box.onDidHide(() => {
      if (!done) resolve(undefined);
      box.dispose();
    });
    box.show();
    shown.fire({ field, inputBox: box });
  });
}
