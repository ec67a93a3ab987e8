import * as vscode from 'vscode';

/**
 * Base for features that own listeners, emitters, watchers or decoration types:
 * `register()` collects them and `dispose()` releases them all, newest first.
 */
export abstract class Disposable implements vscode.Disposable {
  private readonly toDispose: vscode.Disposable[] = [];
  private disposed = false;

  protected register<T extends vscode.Disposable>(item: T): T {
    if (this.disposed) {
      item.dispose();
    } else {
      this.toDispose.push(item);
    }
    return item;
  }

  protected get isDisposed(): boolean {
    return this.disposed;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    while (this.toDispose.length > 0) {
      try {
        this.toDispose.pop()?.dispose();
      } catch {
        // One failing disposal must not keep the others from running.
      }
    }
  }
}
