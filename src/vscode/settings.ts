import * as vscode from 'vscode';
import type { DetectionKind } from '../core/detect';
import type { SidecarLocation } from '../core/sidecarPath';
import { Settings } from '../ids';

/** Highlighting settings for one document, read once and passed on as plain data. */
export interface HighlightSettings {
  kinds: Record<DetectionKind, boolean>;
  languages: readonly string[];
  largeFileThreshold: number;
  delay: number;
}

const DEFAULT_LANGUAGES = ['plaintext', 'markdown', 'news-article'];

export function readHighlightSettings(document: vscode.TextDocument): HighlightSettings {
  const config = vscode.workspace.getConfiguration(Settings.section, document);
  return {
    kinds: {
      quote: config.get<boolean>(Settings.highlightQuotes, true),
      number: config.get<boolean>(Settings.highlightNumbers, true),
      attribution: config.get<boolean>(Settings.highlightAttributions, true),
      cue: config.get<boolean>(Settings.highlightCues, false),
    },
    languages: config.get<string[]>(Settings.highlightLanguages, DEFAULT_LANGUAGES),
    largeFileThreshold: Math.max(0, config.get<number>(Settings.highlightLargeFileThreshold, 500_000)),
    delay: Math.min(2000, Math.max(0, config.get<number>(Settings.highlightDelay, 120))),
  };
}

/** Documents that are never articles: panels, and the extension's own note editors. */
const NOT_ARTICLES = new Set(['output', 'vscode-scm', 'debug', 'news-annotator-note', 'vscode-settings', 'comment']);

/** Whether the extension reads `document` at all: a served language, a real text document. */
export function isServed(document: vscode.TextDocument): boolean {
  if (NOT_ARTICLES.has(document.uri.scheme)) return false;
  const config = vscode.workspace.getConfiguration(Settings.section, document);
  return config.get<string[]>(Settings.highlightLanguages, DEFAULT_LANGUAGES).includes(document.languageId);
}

/** True when a configuration change touches the highlighting settings. */
export function affectsHighlighting(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(`${Settings.section}.highlight`);
}

/**
 * Where sidecars live for a file of the workspace, with the mirror folder and workspace root
 * given in both modes (they say where the mirror folder is, which moving sidecars needs).
 */
export function readSidecarLocation(uri: vscode.Uri): SidecarLocation {
  const config = vscode.workspace.getConfiguration(Settings.section, uri);
  const folder = vscode.workspace.getWorkspaceFolder(uri) ?? vscode.workspace.workspaceFolders?.[0];
  return {
    location: config.get<string>(Settings.sidecarLocation, 'beside') === 'mirror' ? 'mirror' : 'beside',
    mirrorFolder: config.get<string>(Settings.sidecarMirrorFolder, '.annotations'),
    workspaceRoot: folder?.uri.path,
  };
}
