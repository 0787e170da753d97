/**
 * `snippet:<language>/<name>` links of the lessons: the snippet the extension
 * contributes (by name or prefix), inserted into the editor the user worked in.
 */
import * as vscode from 'vscode';
import { errorText } from './pages';

interface SnippetDefinition {
  prefix?: string | string[];
  body: string | string[];
  description?: string;
}

export interface SnippetHost {
  /** The `contributes.snippets` of the extension's manifest. */
  contributed(): { language: string; path: string }[];
  /** A file of the extension (a path relative to its root), or undefined when it cannot be read. */
  readExtensionFile(path: string): Promise<string | undefined>;
  log(line: string): void;
  /** The text editor the user worked in last (the panel may have the focus now). */
  lastTextEditor(): vscode.TextEditor | undefined;
  /** The editor column beside the lesson panel. */
  besidePanel(): vscode.ViewColumn;
}

export class LessonSnippets {
  private snippets: Map<string, Record<string, SnippetDefinition>> | undefined;

  constructor(private readonly host: SnippetHost) {}

  /** Inserts a snippet into the editor of its language the user worked in last, or into a new untitled document. */
  async insert(language: string, name: string): Promise<void> {
    const definitions = (await this.load()).get(language) ?? {};
    const snippet =
      definitions[name] ??
      Object.values(definitions).find((d) => (Array.isArray(d.prefix) ? d.prefix : [d.prefix]).includes(name));
    if (!snippet) {
      void vscode.window.showWarningMessage(`Docker Coach has no ${language} snippet called "${name}".`);
      return;
    }
    const body = Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body;
    const visible = vscode.window.visibleTextEditors.filter(
      (e) => e.document.languageId === language && !e.document.isClosed,
    );
    const candidate = visible.find((e) => e.document === this.host.lastTextEditor()?.document) ?? visible[0];
    let editor: vscode.TextEditor;
    if (candidate) {
      editor = await vscode.window.showTextDocument(candidate.document, {
        viewColumn: candidate.viewColumn,
        preserveFocus: false,
      });
    } else {
      const document = await vscode.workspace.openTextDocument({ language, content: '' });
      editor = await vscode.window.showTextDocument(document, { viewColumn: this.host.besidePanel(), preview: false });
    }
    await editor.insertSnippet(new vscode.SnippetString(body));
  }

  /** The snippets the extension contributes, by language (from the manifest, so a new snippet file needs no code). */
  private async load(): Promise<Map<string, Record<string, SnippetDefinition>>> {
    if (this.snippets) return this.snippets;
    const snippets = new Map<string, Record<string, SnippetDefinition>>();
    for (const { language, path } of this.host.contributed()) {
      const text = await this.host.readExtensionFile(path.replace(/^\.\//, ''));
      if (!text) continue;
      try {
        snippets.set(language, {
          ...snippets.get(language),
          ...(JSON.parse(text) as Record<string, SnippetDefinition>),
        });
      } catch (error) {
        this.host.log(`[lessons] cannot read the snippets in ${path}: ${errorText(error)}`);
      }
    }
    this.snippets = snippets;
    return snippets;
  }
}
