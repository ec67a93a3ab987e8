import * as vscode from 'vscode';
import { IncrementalDetector, type TextFormat, type Vocabulary } from '../core/detect';
import { Disposable } from './disposable';
import { affectsHighlighting, isServed } from './settings';

export interface DetectionChange {
  readonly document: vscode.TextDocument;
  /** Range of the new text whose detections may differ from before. */
  readonly changedFrom: number;
  readonly changedTo: number;
}

interface Entry {
  detector: IncrementalDetector;
  version: number;
  vocabulary: Vocabulary | undefined;
  format: TextFormat;
}

/** How a document's structure is read: Markdown for Markdown documents, plain text for the others. */
export function formatOf(document: vscode.TextDocument): TextFormat {
  return document.languageId === 'markdown' ? 'markdown' : 'plain';
}

/**
 * One detector per open document of a served language, kept up to date on every change
 * event by re-scanning only the touched paragraphs. Decorations, hovers, the status bar,
 * tagging suggestions and the panel all read from here, so a document is detected once.
 */
export class DetectionService extends Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly changed = this.register(new vscode.EventEmitter<DetectionChange>());
  readonly onDidChange = this.changed.event;

  /**
   * @param vocabularyFor - The cue vocabulary of a document's folder (its team's conventions)
   * @param onVocabularyChanged - Fires when those may have changed: detectors are made again
   */
  constructor(
    private readonly vocabularyFor: (uri: vscode.Uri) => Vocabulary | undefined = () => undefined,
    onVocabularyChanged?: vscode.Event<unknown>,
  ) {
    super();
    if (onVocabularyChanged) {
      this.register(
        onVocabularyChanged(() => {
          for (const document of vscode.workspace.textDocuments) {
            const entry = this.entries.get(key(document));
            if (!entry || entry.vocabulary === this.vocabularyFor(document.uri)) continue;
            this.entries.delete(key(document));
            this.changed.fire({ document, changedFrom: 0, changedTo: document.getText().length });
          }
        }),
      );
    }
    this.register(vscode.workspace.onDidChangeTextDocument((event) => this.apply(event)));
    this.register(vscode.workspace.onDidCloseTextDocument((document) => this.entries.delete(key(document))));
    this.register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (!affectsHighlighting(event)) return;
        for (const document of vscode.workspace.textDocuments) {
          if (this.entries.has(key(document)) && !isServed(document)) this.entries.delete(key(document));
        }
      }),
    );
  }

  /** The detector of `document`, created on first use; undefined for documents not served. */
  get(document: vscode.TextDocument): IncrementalDetector | undefined {
    if (document.isClosed || !isServed(document)) return undefined;
    const id = key(document);
    let entry = this.entries.get(id);
    const vocabulary = this.vocabularyFor(document.uri);
    const format = formatOf(document);
    if (!entry || entry.version !== document.version || entry.vocabulary !== vocabulary || entry.format !== format) {
      entry = { detector: new IncrementalDetector(document.getText(), { vocabulary, format }), version: document.version, vocabulary, format };
      this.entries.set(id, entry);
    }
    return entry.detector;
  }

  private apply(event: vscode.TextDocumentChangeEvent): void {
    const id = key(event.document);
    const entry = this.entries.get(id);
    if (!entry || event.contentChanges.length === 0) return;
    if (event.document.version !== entry.version + 1) {
      // A missed event: start again from the document rather than guess.
      this.entries.delete(id);
      this.changed.fire({ document: event.document, changedFrom: 0, changedTo: event.document.getText().length });
      return;
    }
    const { changedFrom, changedTo } = entry.detector.applyChanges(event.contentChanges);
    entry.version = event.document.version;
    this.changed.fire({ document: event.document, changedFrom, changedTo });
  }
}

function key(document: vscode.TextDocument): string {
  return document.uri.toString();
}
