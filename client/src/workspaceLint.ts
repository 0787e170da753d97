/**
 * "Docker Coach: Lint Workspace": asks the server to lint every Dockerfile, compose and .dockerignore file of
 * the workspace folders into the Problems panel, with a cancellable progress notification and the status bar
 * showing how far it got. The server finds the files (the CLI's rules) and publishes the diagnostics.
 */
import * as vscode from 'vscode';
import { LanguageClient, WorkDoneProgress } from 'vscode-languageclient/node';
import {
  ClearWorkspaceLintRequest,
  LintWorkspaceRequest,
  WorkspaceLintParams,
  WorkspaceLintResult,
} from '../../server/src/protocol';
import { ServerStatus } from './status';

let runs = 0;

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** The summary a finished or cancelled run shows. */
export function summary(result: WorkspaceLintResult): string {
  const problems = `${plural(result.problems, 'problem')} in ${plural(result.filesWithProblems, 'file')}`;
  if (result.cancelled)
    return `Docker Coach: workspace lint cancelled after ${plural(result.linted, 'file')} (${problems} so far).`;
  if (result.files === 0) return 'Docker Coach: no Dockerfile or compose file found in the workspace.';
  const open = result.files - result.linted;
  return `Docker Coach: ${problems} (${plural(result.files, 'file')} checked${open > 0 ? `, ${open} of them open in the editor` : ''}).`;
}

export async function lintWorkspace(
  client: LanguageClient,
  status: ServerStatus,
  log: (line: string) => void,
): Promise<WorkspaceLintResult | undefined> {
  const folders = (vscode.workspace.workspaceFolders ?? [])
    .filter((f) => f.uri.scheme === 'file')
    .map((f) => f.uri.toString());
  if (folders.length === 0) {
    void vscode.window.showInformationMessage('Docker Coach: open a folder to lint its Dockerfiles and compose files.');
    return undefined;
  }
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Docker Coach: linting the workspace', cancellable: true },
    async (progress, token) => {
      const workDoneToken = `dockerCoach.lintWorkspace.${++runs}`;
      let reported = 0;
      status.setLinting(0);
      const listener = client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
        if (value.kind === 'end') return;
        const percentage = value.percentage ?? reported;
        progress.report({ message: value.message, increment: Math.max(0, percentage - reported) });
        reported = percentage;
        status.setLinting(percentage);
      });
      try {
        const params: WorkspaceLintParams = { folders, workDoneToken };
        return await client.sendRequest(LintWorkspaceRequest, params, token);
      } catch (err) {
        if (token.isCancellationRequested) return undefined;
        throw err;
      } finally {
        listener.dispose();
        status.setLinting(undefined);
      }
    },
  );
  if (!result) {
    log('[lint workspace] cancelled.');
    return undefined;
  }
  const text = summary(result);
  log(`[lint workspace] ${text}`);
  if (result.problems > 0 && !result.cancelled) {
    void vscode.window
      .showInformationMessage(text, 'Show Problems')
      .then((choice) => choice && vscode.commands.executeCommand('workbench.actions.view.problems'));
  } else {
    void vscode.window.showInformationMessage(text);
  }
  return result;
}

export async function clearWorkspaceLint(client: LanguageClient, log: (line: string) => void): Promise<number> {
  const files = await client.sendRequest(ClearWorkspaceLintRequest);
  log(`[lint workspace] cleared the results of ${plural(files, 'file')}.`);
  return files;
}
