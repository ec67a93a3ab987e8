import * as vscode from 'vscode';
import { describeDetection, type Detection } from '../core/detect';
import { Commands } from '../ids';
import { DetectionService } from './detections';
import { DecoratedRanges, Highlighter } from './highlighter';
import { icon } from './hover';
import { readHighlightSettings } from './settings';

/** Toggle Highlights, the detection list, and the internal command tests read decorations with. */
export function registerHighlightCommands(detections: DetectionService, highlighter: Highlighter): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(Commands.toggleHighlights, () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) return undefined;
      return highlighter.toggle(editor.document);
    }),
    vscode.commands.registerCommand(Commands.listDetections, () => listDetections(detections)),
    vscode.commands.registerCommand(Commands.decoratedRanges, (uri?: vscode.Uri | string): DecoratedRanges | undefined => {
      const wanted = uri === undefined ? undefined : uri.toString();
      const editor = vscode.window.visibleTextEditors.find((e) => wanted === undefined ? e === vscode.window.activeTextEditor : e.document.uri.toString() === wanted);
      return editor ? highlighter.decoratedIn(editor) : undefined;
    }),
  );
}

interface DetectionItem extends vscode.QuickPickItem {
  detection: Detection;
}

/** A quick pick of the active file's quotes, numbers and attributions that previews each as you move. */
async function listDetections(detections: DetectionService): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const detector = editor ? detections.get(editor.document) : undefined;
  if (!editor || !detector) {
    void vscode.window.showInformationMessage('News Annotator: open a text or Markdown article to list what it quotes and counts.');
    return;
  }
  const { document } = editor;
  const kinds = readHighlightSettings(document).kinds;
  const text = detector.text;
  const items: DetectionItem[] = detector.detections
    .filter((d) => d.kind !== 'cue' || kinds.cue)
    .map((detection) => {
      const line = document.positionAt(detection.start).line;
      return {
        label: `${icon(detection)} ${excerpt(text.slice(detection.start, detection.end))}`,
        description: `Ln ${line + 1}`,
        detail: describeDetection(detection, text),
        detection,
      };
    });
  const original = editor.selections;
  const pick = vscode.window.createQuickPick<DetectionItem>();
  pick.title = `Detected in ${vscode.workspace.asRelativePath(document.uri)}`;
  pick.placeholder = 'Type to filter quotes, numbers and attributions; Enter selects one in the editor';
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  pick.items = items;
  const select = (detection: Detection): void => {
    const range = new vscode.Range(document.positionAt(detection.start), document.positionAt(detection.end));
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  };
  let accepted = false;
  pick.onDidChangeActive(([item]) => item && select(item.detection));
  pick.onDidAccept(() => {
    const [item] = pick.selectedItems;
    if (item) {
      accepted = true;
      select(item.detection);
    }
    pick.hide();
  });
  pick.onDidHide(() => {
    if (!accepted) editor.selections = original;
    pick.dispose();
  });
  pick.show();
}

function excerpt(text: string, max = 90): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
