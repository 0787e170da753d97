/**
 * "Show Effective Compose Configuration" in a real VS Code: samples/compose-project (compose.yaml,
 * compose.override.yaml, the included db/database.yaml and a .env) opened as one read-only YAML
 * document that follows unsaved edits.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';

const PREVIEW_SCHEME = 'docker-coach-compose';

function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the suite needs the fixture workspace open');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** The open effective-configuration document, once its text satisfies `ready`. */
function previewText(ready: (text: string) => boolean): Promise<vscode.TextDocument> {
  const find = () => vscode.workspace.textDocuments.find((d) => d.uri.scheme === PREVIEW_SCHEME && ready(d.getText()));
  return new Promise((resolve) => {
    const found = find();
    if (found) return resolve(found);
    const listeners = [vscode.workspace.onDidOpenTextDocument(check), vscode.workspace.onDidChangeTextDocument(check)];
    function check() {
      const document = find();
      if (!document) return;
      for (const l of listeners) l.dispose();
      resolve(document);
    }
  });
}

describe('Show Effective Compose Configuration', () => {
  it('opens the merged, interpolated project of a base file, its override and an included file, and follows edits', async () => {
    const override = await vscode.workspace.openTextDocument(workspaceFile('compose-project/compose.override.yaml'));
    assert.strictEqual(override.languageId, 'dockercompose');
    await vscode.window.showTextDocument(override);
    await vscode.commands.executeCommand('dockerCoach.showEffectiveComposeConfig');

    const preview = await previewText((t) => t.includes('services:'));
    const text = preview.getText();
    assert.strictEqual(preview.languageId, 'yaml');
    assert.match(
      text,
      /^# Effective configuration of the Compose project "shop", as `docker compose config` loads it \(short syntax kept as written\)\.$/m,
    );
    assert.match(text, /^# Files: compose\.yaml, compose\.override\.yaml$/m);
    // The base's port and the override's, the override's environment, the .env value, the included service.
    assert.match(text, /^ {4}image: nginx:1\.27\.3-alpine$/m);
    assert.match(text, /^ {6}- 127\.0\.0\.1:8080:80\n {6}- 127\.0\.0\.1:8443:443$/m);
    assert.match(text, /^ {6}LOG_LEVEL: debug$/m);
    assert.match(text, /^ {2}db:\n {4}image: postgres:16\.4$/m);
    const tab = vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .find((t) => t.input instanceof vscode.TabInputText && t.input.uri.scheme === PREVIEW_SCHEME);
    assert.strictEqual(tab?.label, 'shop (effective config).yaml');

    // An unsaved edit of the override shows in the preview.
    const editor = await vscode.window.showTextDocument(override);
    const line = override
      .getText()
      .split('\n')
      .findIndex((l) => l.includes('LOG_LEVEL'));
    assert.ok(await editor.edit((b) => b.replace(new vscode.Range(line, 0, line + 1, 0), '      LOG_LEVEL: trace\n')));
    const updated = await previewText((t) => /^ {6}LOG_LEVEL: trace$/m.test(t));
    assert.ok(updated.getText().includes('image: nginx:1.27.3-alpine'));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await previewText((t) => /^ {6}LOG_LEVEL: debug$/m.test(t));
  });
});
