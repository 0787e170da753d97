/**
 * The thin VS Code client: starts the language server over Node IPC for
 * Dockerfile and compose documents, and hosts the commands that need the
 * editor. Everything computed from text lives in the server.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import {
  CloseAction,
  CloseHandlerResult,
  DidChangeConfigurationNotification,
  ErrorAction,
  ErrorHandler,
  ErrorHandlerResult,
  LanguageClient,
  LanguageClientOptions,
  Message,
  RevealOutputChannelOn,
  ServerOptions,
  State,
  TransportKind,
} from 'vscode-languageclient/node';
import {
  CheckExerciseRequest,
  ClientFeatures,
  Commands,
  COMPOSE_LANGUAGE_ID,
  DOCKERFILE_LANGUAGE_ID,
  DOCKERIGNORE_LANGUAGE_ID,
  EffectiveComposeConfigRequest,
  ExplainRuleArguments,
  FIX_ALL_KIND,
  InsertSnippetArguments,
  ListExercisesRequest,
  ListRulesRequest,
  RuleSummary,
  SERVER_PROCESS,
} from '../../server/src/protocol';
import { registerComposePreviews } from './composePreview';
import { Lessons } from './lessons/lessons';
import { ServerStatus } from './status';
import { clearWorkspaceLint, lintWorkspace } from './workspaceLint';

let client: LanguageClient | undefined;
let output: vscode.OutputChannel;
let lessons: Lessons | undefined;

/** Restarts a crashed server a few times, but not in an endless loop. */
class RestartingErrorHandler implements ErrorHandler {
  private restarts: number[] = [];

  error(error: Error, message: Message | undefined, count: number | undefined): ErrorHandlerResult {
    output.appendLine(
      `[error] connection problem: ${error.message}${message ? ` (${JSON.stringify(message).slice(0, 200)})` : ''}`,
    );
    return { action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown };
  }

  closed(): CloseHandlerResult {
    const now = Date.now();
    this.restarts = this.restarts.filter((t) => now - t < 3 * 60 * 1000);
    this.restarts.push(now);
    if (this.restarts.length <= 5) {
      output.appendLine(
        `[restart] the Docker Coach language server stopped unexpectedly; restarting it (${this.restarts.length}/5 in 3 minutes).`,
      );
      return { action: CloseAction.Restart };
    }
    const text =
      'The Docker Coach language server crashed 5 times in 3 minutes and will not be restarted. See the "Docker Coach" output for details.';
    output.appendLine(`[stopped] ${text}`);
    void vscode.window.showErrorMessage(text, 'Show Output').then((choice) => choice && output.show());
    return { action: CloseAction.DoNotRestart };
  }
}

function documentSelector(): { scheme: string; language: string }[] {
  const selector: { scheme: string; language: string }[] = [];
  for (const language of [DOCKERFILE_LANGUAGE_ID, COMPOSE_LANGUAGE_ID, DOCKERIGNORE_LANGUAGE_ID]) {
    for (const scheme of ['file', 'untitled']) selector.push({ scheme, language });
  }
  return selector;
}

const YAML_EXTENSION = 'redhat.vscode-yaml';
let yamlNoticeShown = false;

/**
 * Whether Red Hat's YAML extension validates compose files (it serves the
 * `dockercompose` language with the Compose schema from SchemaStore), so that
 * our schema errors would appear twice.
 */
function yamlValidatesCompose(scopeUri: string | undefined): boolean {
  if (!vscode.extensions.getExtension(YAML_EXTENSION)) return false;
  const scope = scopeUri
    ? { uri: vscode.Uri.parse(scopeUri), languageId: COMPOSE_LANGUAGE_ID }
    : { languageId: COMPOSE_LANGUAGE_ID };
  const yaml = vscode.workspace.getConfiguration('yaml', scope);
  const validates =
    yaml.get<boolean>('validate', true) !== false && yaml.get<boolean>('schemaStore.enable', true) !== false;
  if (validates && !yamlNoticeShown) {
    yamlNoticeShown = true;
    output.appendLine(
      '[compose] Red Hat YAML validates compose files, so Docker Coach leaves schema errors to it (its other compose rules still run). ' +
        'For Docker Coach\'s schema messages instead, set "[dockercompose]": { "yaml.validate": false }.',
    );
  }
  return validates;
}

/**
 * Rule pages and lessons open in the lesson panel rather than as raw Markdown files: a link to a page of
 * `docsBaseUri` (a diagnostic's code link, a hover's rule) becomes a command link to "Explain This Rule",
 * and a link to a lesson of `lessonsBaseUri` (a hover's lesson) one to "Open a Lesson". The server keeps
 * plain file links, for other editors and the CLI.
 */
function rulePageLinks(docsBaseUri: string, lessonsBaseUri: string) {
  const commandUri = (command: string, id: string) => `command:${command}?${encodeURIComponent(JSON.stringify([id]))}`;
  const rulePage = (target: string) =>
    target.startsWith(`${docsBaseUri}/`)
      ? /^([a-z0-9-]+)\.md$/.exec(target.slice(docsBaseUri.length + 1))?.[1]
      : undefined;
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const linksToPages = new RegExp(`\\]\\((${escape(docsBaseUri)}|${escape(lessonsBaseUri)})/([a-z0-9-]+)\\.md\\)`, 'g');
  return {
    diagnostic(diagnostic: vscode.Diagnostic): vscode.Diagnostic {
      const code = diagnostic.code;
      const id = typeof code === 'object' ? rulePage(code.target.toString()) : undefined;
      if (typeof code === 'object' && id)
        diagnostic.code = { value: code.value, target: vscode.Uri.parse(commandUri(Commands.explainRule, id)) };
      return diagnostic;
    },
    markdown(content: vscode.MarkdownString | vscode.MarkedString): vscode.MarkdownString | vscode.MarkedString {
      if (
        !(content instanceof vscode.MarkdownString) ||
        !(content.value.includes(`](${docsBaseUri}/`) || content.value.includes(`](${lessonsBaseUri}/`))
      )
        return content;
      const value = content.value.replace(
        linksToPages,
        (_all, base: string, id: string) =>
          `](${commandUri(base === docsBaseUri ? Commands.explainRule : Commands.openLesson, id)})`,
      );
      const rewritten = new vscode.MarkdownString(value, content.supportThemeIcons);
      // Only these two commands may run from the hover's links.
      rewritten.isTrusted = { enabledCommands: [Commands.explainRule, Commands.openLesson] };
      rewritten.supportHtml = content.supportHtml;
      rewritten.baseUri = content.baseUri;
      return rewritten;
    },
  };
}

function createClient(context: vscode.ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const docsBaseUri = vscode.Uri.file(context.asAbsolutePath(path.join('docs', 'rules'))).toString();
  // The server finds the lessons beside the rule pages (`docs/rules/../../lessons`).
  const links = rulePageLinks(docsBaseUri, vscode.Uri.file(context.asAbsolutePath('lessons')).toString());
  // The server keeps V8's code cache in the extension's own storage (removed with the extension), unless the
  // user chose a folder.
  const env = {
    ...SERVER_PROCESS.env,
    ...(process.env.DOCKER_COACH_CACHE_DIR || context.globalStorageUri.scheme !== 'file'
      ? {}
      : { DOCKER_COACH_CACHE_DIR: path.join(context.globalStorageUri.fsPath, 'code-cache') }),
  };
  const serverOptions: ServerOptions = {
    // Memory flags: see SERVER_PROCESS (the benchmark starts the server the same way).
    run: { module, transport: TransportKind.ipc, options: { execArgv: SERVER_PROCESS.execArgv, env } },
    debug: {
      module,
      transport: TransportKind.ipc,
      options: { execArgv: [...SERVER_PROCESS.execArgv, '--nolazy', '--inspect=6010'], env },
    },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(),
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    errorHandler: new RestartingErrorHandler(),
    initializationOptions: {
      docsBaseUri,
      clientFeatures: { snippetCommand: true, triggerSuggest: true, explainCommand: true } satisfies ClientFeatures,
    },
    synchronize: { configurationSection: 'dockerCoach' },
    middleware: {
      handleDiagnostics: (uri, diagnostics, next) =>
        next(
          uri,
          diagnostics.map((d) => links.diagnostic(d)),
        ),
      provideHover: async (document, position, token, next) => {
        const hover = await next(document, position, token);
        if (hover) hover.contents = hover.contents.map((c) => links.markdown(c));
        return hover;
      },
      workspace: {
        // ShellCheck runs an executable: never in a workspace the user has not trusted.
        configuration: async (params, token, next) => {
          const result = await next(params, token);
          if (!Array.isArray(result)) return result;
          return result.map((value: unknown, i) => {
            if (params.items[i]?.section !== 'dockerCoach' || !value || typeof value !== 'object') return value;
            let settings = value as { shellcheck?: object; rules?: Record<string, string> };
            // ShellCheck runs an executable: never in a workspace the user has not trusted.
            if (!vscode.workspace.isTrusted)
              settings = { ...settings, shellcheck: { ...settings.shellcheck, enable: false } };
            // One schema validator per compose file: leave it to Red Hat YAML when that validates compose files.
            if (
              yamlValidatesCompose(params.items[i]?.scopeUri) &&
              settings.rules?.['compose-schema'] === undefined &&
              settings.rules?.['invalid-schema'] === undefined
            ) {
              settings = { ...settings, rules: { ...settings.rules, 'compose-schema': 'off' } };
            }
            return settings;
          });
        },
      },
    },
  };
  return new LanguageClient('dockerCoach', 'Docker Coach', serverOptions, clientOptions);
}

/** A rule's page in the lesson panel: the rule given (from a diagnostic's code action), or one the user picks. */
async function explainRule(...[ruleId]: ExplainRuleArguments): Promise<void> {
  let id = typeof ruleId === 'string' ? ruleId : undefined;
  if (!id) {
    const rules = await runningClient()
      .then((running) => running.sendRequest(ListRulesRequest))
      .catch((): RuleSummary[] => []);
    const picked = await vscode.window.showQuickPick(
      rules.map((r) => ({
        label: r.id,
        description: r.title,
        detail: `${r.language} · ${r.category} · ${r.defaultSeverity} · preset ${r.preset}`,
      })),
      { placeHolder: 'Which rule should Docker Coach explain?', matchOnDescription: true },
    );
    id = picked?.label;
  }
  if (!id || !/^[a-z0-9-]+$/.test(id)) return;
  await lessons?.showRule(id);
}

/** The language client once the server runs (waiting while it starts). */
async function runningClient(): Promise<LanguageClient> {
  if (!client) throw new Error('the Docker Coach language server is not running');
  if (client.state === State.Starting) {
    await new Promise<void>((resolve) => {
      const listener = client!.onDidChangeState((event) => {
        if (event.newState !== State.Starting) {
          listener.dispose();
          resolve();
        }
      });
    });
  }
  if (client.state !== State.Running) throw new Error('the Docker Coach language server is not running');
  return client;
}

/** Runs a command that needs the server; says so when it is not running. */
async function withServer<R>(run: (client: LanguageClient) => Promise<R>): Promise<R | undefined> {
  let running: LanguageClient;
  try {
    running = await runningClient();
  } catch (err) {
    void vscode.window
      .showErrorMessage(`Docker Coach: ${(err as Error).message}.`, 'Show Output')
      .then((choice) => choice && output.show());
    return undefined;
  }
  return run(running);
}

async function fixAllSafe(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || ![DOCKERFILE_LANGUAGE_ID, COMPOSE_LANGUAGE_ID].includes(editor.document.languageId)) {
    void vscode.window.showInformationMessage('Open a Dockerfile or compose file to fix its problems.');
    return;
  }
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    editor.document.uri,
    new vscode.Range(0, 0, editor.document.lineCount, 0),
    FIX_ALL_KIND,
  );
  const fixAll = actions?.find((a) => a.kind?.value === FIX_ALL_KIND && a.edit);
  if (!fixAll?.edit) {
    void vscode.window.showInformationMessage('Docker Coach: no safe fixes to apply.');
    return;
  }
  await vscode.workspace.applyEdit(fixAll.edit);
}

/** A quick fix the user completes: the server sends the snippet and the range it replaces. */
async function insertSnippet(...[uri, range, snippet, version]: InsertSnippetArguments): Promise<void> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  if (version !== undefined && document.version !== version) {
    void vscode.window.showInformationMessage(
      'Docker Coach: the file changed since this fix was offered; try the quick fix again.',
    );
    return;
  }
  const editor = await vscode.window.showTextDocument(document);
  const target = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
  await editor.insertSnippet(new vscode.SnippetString(snippet), target);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('Docker Coach');
  context.subscriptions.push(output);
  client = createClient(context);
  const status = new ServerStatus();
  context.subscriptions.push(
    status,
    client.onDidChangeState((event) =>
      status.setServer(
        event.newState === State.Running ? 'ready' : event.newState === State.Starting ? 'starting' : 'stopped',
      ),
    ),
  );
  const log = (line: string) => output.appendLine(line);
  const lessonView = new Lessons(context, {
    listExercises: async () => (await runningClient()).sendRequest(ListExercisesRequest),
    checkExercise: async (params) => (await runningClient()).sendRequest(CheckExerciseRequest, params),
    log,
  });
  lessons = lessonView;
  context.subscriptions.push(
    lessonView,
    vscode.commands.registerCommand(Commands.openLesson, (id?: unknown) => lessonView.openLesson(id)),
    vscode.commands.registerCommand(Commands.startExercise, (lesson?: unknown) => lessonView.startExercise(lesson)),
    vscode.commands.registerCommand(Commands.checkExercise, (lesson?: unknown) => lessonView.checkExercise(lesson)),
    vscode.commands.registerCommand(Commands.resetLessonProgress, () => lessonView.resetProgress()),
    vscode.commands.registerCommand(Commands.openPracticeDockerfile, () => lessonView.openPracticeDockerfile()),
    // Test hooks, not in the manifest.
    vscode.commands.registerCommand(Commands.lessonState, (waitForRender?: unknown) => lessonView.state(waitForRender)),
    vscode.commands.registerCommand(Commands.followLessonLink, (href: unknown) =>
      typeof href === 'string' ? lessonView.followLink(href) : undefined,
    ),
  );
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.restartServer, async () => {
      output.appendLine('[restart] restarting the language server on request.');
      await client?.restart();
    }),
    vscode.commands.registerCommand(Commands.showOutput, () => output.show()),
    vscode.commands.registerCommand(Commands.explainRule, explainRule),
    vscode.commands.registerCommand(Commands.fixAllSafe, fixAllSafe),
    vscode.commands.registerCommand(Commands.insertSnippet, insertSnippet),
    vscode.commands.registerCommand(Commands.lintWorkspace, () =>
      withServer((running) => lintWorkspace(running, status, log)),
    ),
    vscode.commands.registerCommand(Commands.clearWorkspaceLint, () =>
      withServer((running) => clearWorkspaceLint(running, log)),
    ),
    // Test hook, not in the manifest.
    vscode.commands.registerCommand(Commands.statusState, () => status.state),
    ...registerComposePreviews(
      async (params) => (await runningClient()).sendRequest(EffectiveComposeConfigRequest, params),
      (line) => output.appendLine(line),
    ),
  );
  context.subscriptions.push(
    vscode.extensions.onDidChange(
      () => void client?.sendNotification(DidChangeConfigurationNotification.type, { settings: null }),
    ),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('yaml'))
        void client?.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      // Settings now resolve differently (ShellCheck may run): let the server fetch them again.
      void client?.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    }),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
