import * as vscode from 'vscode';
import { describeDetection, type Detection } from '../core/detect';
import type { KindRegistry } from '../core/kinds';
import { DetectionService } from './detections';
import { escapeMarkdown } from './markdown';
import { SidecarStore } from './sidecarStore';
import { HOVER_COMMANDS, hoverLink } from './tagHover';

/**
 * Says what a highlighted span is ("Numeric claim · money · $2,000 = 2000 USD") and offers to
 * tag it as each kind in effect.
 */
export class DetectionHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly detections: DetectionService,
    private readonly store: SidecarStore,
    private readonly kinds: (article?: vscode.Uri) => KindRegistry,
  ) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const detector = this.detections.get(document);
    if (!detector) return undefined;
    const offset = document.offsetAt(position);
    const found = detector.detectionsIn(offset, offset);
    if (found.length === 0) return undefined;
    // Innermost first: a number inside a quote is what the pointer is on.
    found.sort((a, b) => a.end - a.start - (b.end - b.start));
    const markdown = new vscode.MarkdownString(undefined, true);
    markdown.isTrusted = { enabledCommands: [...HOVER_COMMANDS] };
    found.forEach((detection, index) => {
      if (index > 0) markdown.appendMarkdown('\n\n---\n\n');
      markdown.appendMarkdown(`${icon(detection)} `);
      markdown.appendMarkdown(escapeMarkdown(describeDetection(detection, detector.text)));
    });
    const inner = found[0];
    const tagged = this.store.peek(document.uri)?.tags.some((t) => t.anchor.start === inner.start && t.anchor.end === inner.end);
    if (!tagged && inner.kind !== 'cue') {
      const links = this.kinds(document.uri)
        .active()
        .map((kind) => {
          return hoverLink(escapeMarkdown(kind.label), { action: 'tagAs', article: document.uri.toString(), start: inner.start, end: inner.end, kind: kind.id });
        });
      markdown.appendMarkdown(`\n\nTag as: ${links.join(' · ')}`);
    }
    return new vscode.Hover(markdown, new vscode.Range(document.positionAt(inner.start), document.positionAt(inner.end)));
  }
}

export function icon(detection: Detection): string {
  switch (detection.kind) {
    case 'quote':
      return '$(quote)';
    case 'number':
      return '$(symbol-number)';
    case 'attribution':
      return '$(person)';
    case 'cue':
      return detection.subtype === 'opinion' ? '$(comment)' : '$(question)';
  }
}
