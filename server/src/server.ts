/**
 * Language server wiring only: connection, documents, settings per resource.
 * Every feature lives in the editor-agnostic service. Runs over Node IPC (the
 * VS Code client) or `--stdio` (other editors).
 */
// First: V8 settings for the whole process (memory), before any module does real work.
import './processSetup';
import * as fs from 'fs';
import { fileKindOf, filePathOf, readRegularFile, readRegularText } from './util/files';
import { codeCacheReady } from './util/codeCache';
import * as path from 'path';
import { pathToFileURL } from 'url';
import {
  CancellationToken,
  CodeActionKind,
  Connection,
  Diagnostic,
  createConnection,
  DidOpenTextDocumentParams,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DiagnosticSeverity,
  ProposedFeatures,
  ResponseError,
  ErrorCodes,
  FormattingOptions,
  LSPErrorCodes,
  Range,
  TextEdit,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CheckExerciseRequest,
  ClearWorkspaceLintRequest,
  ClientFeatures,
  COMPOSE_LANGUAGE_ID,
  DEFAULT_SETTINGS,
  DOCKERFILE_LANGUAGE_ID,
  DockerCoachSettings,
  EffectiveComposeConfigRequest,
  FIX_ALL_KIND,
  LintWorkspaceRequest,
  ListExercisesRequest,
  ListRulesRequest,
  SETTINGS_SECTION,
} from './protocol';
import { effectiveComposeConfig } from './service/effectiveConfig';
import { diskReader, fileExists } from './compose/project/files';
import { ProjectConfig, withProjectConfig } from './engine/hadolintConfig';
import { DockerCoachService } from './service/languageService';
import { DOCKERFILE_TRIGGER_CHARACTERS } from './service/dockerfileCompletion';
import { RenameError } from './service/composeNavigation';
import { DISABLE_KIND, EXPLAIN_KIND } from './service/codeActions';
import { ExerciseError } from './lessons/exercises';
import {
  diagnosticsOf,
  EDITOR_LINT_BUDGET_MS,
  forgetContentCaches,
  LintEnvironment,
  lintInSlices,
  tooLargeNotice,
} from './engine/lint';
import { WorkspaceLint } from './service/workspaceLint';
import { DockerfileModel } from './dockerfile/model';
import { shellcheckDiagnostic, ShellcheckRunner } from './shellcheck/shellcheck';
import { ProjectFiles } from './engine/projectFiles';
import { ComposeProjects } from './engine/composeProjects';
import { normalizeSettings } from './service/settings';
import { RuleErrorLog } from './service/ruleErrorLog';
import { garbageCollector } from './serverProcess';
import { canonicalLanguageId } from './languageIds';

if (process.argv.includes('--version')) {
  process.stdout.write('docker-coach-language-server\n');
  process.exit(0);
}

const connection = createConnection(ProposedFeatures.all);
// A failed promise that nothing waits for (a client's error reply, a file that vanished while read) is logged: Node
// would otherwise end the server, and not every editor starts it again.
process.on('unhandledRejection', (reason) =>
  connection.console.error(
    `Unexpected error: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`,
  ),
);
// Documents keep the language id the server knows them by, whatever name the editor gives their language.
const documents = new TextDocuments<TextDocument>({
  create: (uri, languageId, version, content) =>
    TextDocument.create(uri, canonicalLanguageId(languageId, uri), version, content),
  update: (document, changes, version) => TextDocument.update(document, changes, version),
});
/** Created by `initialize`: until then requests answer ServerNotInitialized and documents wait to be linted. */
let service: DockerCoachService | undefined;
let pullConfiguration = false;
/** Whether the client takes a registration for configuration changes (it may send them without one). */
let registerConfigurationChanges = false;
let watchFiles = false;
let snippetSupport = false;
/** What the client said it can do beyond LSP (`initializationOptions.clientFeatures`). */
let clientFeatures: ClientFeatures = {};
/** Settings pushed by clients that cannot answer workspace/configuration. */
let pushedSettings: DockerCoachSettings = normalizeSettings({});
/** Settings per document, fetched on open and dropped on close. */
const settingsCache = new Map<string, Promise<DockerCoachSettings>>();
/** `.dockerignore` and hadolint configuration files, read once until they change. */
const projectFiles = new ProjectFiles();
/**
 * Compose projects around compose files: open documents' text over the disk, the server's process
 * environment (what `docker compose` run from a terminal may see differently).
 */
const composeProjects = new ComposeProjects({
  openText: (file) => documents.get(pathToFileURL(file).toString())?.getText(),
  env: process.env,
  maxFileSize: DEFAULT_SETTINGS.maxFileSize,
});
/** One ShellCheck runner (and result cache) per executable path. */
const shellcheckRunners = new Map<string, ShellcheckRunner | null>();

/** The runner for a path, or null when the executable is missing (said once in the output). */
function shellcheckFor(settings: DockerCoachSettings): ShellcheckRunner | null {
  if (!settings.shellcheck.enable) return null;
  const path = settings.shellcheck.path;
  if (!shellcheckRunners.has(path)) {
    const runner = new ShellcheckRunner(path, { onNote: (message) => connection.console.warn(message) });
    if (runner.availableSync()) {
      connection.console.info(`ShellCheck found ("${path}"): RUN scripts are checked with it.`);
      shellcheckRunners.set(path, runner);
    } else {
      connection.console.info(
        `ShellCheck not found ("${path}"), so ShellCheck findings (SCxxxx) are off. Install it (for example "apt-get install shellcheck") or set dockerCoach.shellcheck.path.`,
      );
      shellcheckRunners.set(path, null);
    }
  }
  return shellcheckRunners.get(path)!;
}

/** A rule's error goes to the output once per session. */
const ruleErrorLog = new RuleErrorLog((message) => connection.console.error(message));

/**
 * Validation of edits: an edit after a quiet moment is linted at once (the
 * user sees the result of a single change with no delay); edits that follow
 * are coalesced and linted at the latest version once they pause for
 * VALIDATION_DELAY_MS, or at the latest VALIDATION_MAX_WAIT_MS after the
 * previous validation started, so diagnostics keep coming while someone types
 * without pause. A lint overtaken by an edit is abandoned (`validate`), so what
 * is published is always for the current text.
 */
const VALIDATION_DELAY_MS = 120;
const VALIDATION_MAX_WAIT_MS = 150;
const pendingValidations = new Map<string, NodeJS.Timeout>();
/** When each document's last validation started. */
const lastValidation = new Map<string, number>();
/** Documents validated at least once: the first validation (on open) is immediate. */
const validatedOnce = new Set<string>();

function scheduleValidation(document: TextDocument): void {
  // Before `initialize` documents are only kept: onInitialized lints them.
  if (!service) return;
  const uri = document.uri;
  const pending = pendingValidations.get(uri);
  clearTimeout(pending);
  pendingValidations.delete(uri);
  if (!validatedOnce.has(uri)) {
    validatedOnce.add(uri);
    void validate(document);
    return;
  }
  const now = Date.now();
  const last = lastValidation.get(uri) ?? 0;
  if (!pending && now - last >= VALIDATION_DELAY_MS) {
    lastValidation.set(uri, now);
    void validate(document);
    return;
  }
  // A pause ends the wait; so does the upper bound during a burst.
  const delay = Math.max(0, Math.min(VALIDATION_DELAY_MS, last + VALIDATION_MAX_WAIT_MS - now));
  pendingValidations.set(
    uri,
    setTimeout(() => {
      pendingValidations.delete(uri);
      lastValidation.set(uri, Date.now());
      const latest = documents.get(uri);
      if (latest) void validate(latest);
    }, delay),
  );
}

/**
 * The open document a request is about, or null when it is not open or larger
 * than dockerCoach.maxFileSize (editing features bail out cheaply there, the
 * lint already says why). First lets queued messages arrive, so a request the
 * client cancelled meanwhile (`$/cancelRequest`) ends with RequestCancelled.
 */
async function requestDocument(uri: string, token: CancellationToken): Promise<TextDocument | null> {
  const document = documents.get(uri);
  if (!document) return null;
  const settings = await settingsFor(uri);
  if (document.getText().length > settings.maxFileSize) return null;
  await new Promise((resolve) => setTimeout(resolve, 0));
  throwIfCancelled(token);
  return documents.get(uri) ?? null;
}

function throwIfCancelled(token: CancellationToken): void {
  if (token.isCancellationRequested)
    throw new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
}

/** A request handler that needs the service: before `initialize` it answers ServerNotInitialized (-32002), as LSP asks. */
function served<A extends unknown[], R>(handler: (service: DockerCoachService, ...args: A) => R): (...args: A) => R {
  return (...args: A) => {
    if (!service)
      throw new ResponseError(
        ErrorCodes.ServerNotInitialized,
        'The server is not initialized yet: the client must send "initialize" first.',
      );
    return handler(service, ...args);
  };
}

/**
 * A request handler about one open document (`params.textDocument`), called
 * once the document is settled; `missing` answers for a document that is not
 * open, too large, or closed meanwhile.
 */
function servedOn<P extends { textDocument: { uri: string } }, R, M>(
  handler: (service: DockerCoachService, document: TextDocument, params: P, token: CancellationToken) => R | Promise<R>,
  missing: M,
): (params: P, token: CancellationToken) => Promise<R | M> {
  return served(async (service, params: P, token: CancellationToken) => {
    const document = await requestDocument(params.textDocument.uri, token);
    return document ? await handler(service, document, params, token) : missing;
  });
}

/** Config files whose problems are currently published. */
const publishedConfigs = new Set<string>();

function findDocsFolder(): string {
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, 'docs', 'rules');
    if (fs.existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  return path.join(__dirname, '..', 'docs', 'rules');
}

connection.onInitialize((params) => {
  pullConfiguration = Boolean(params.capabilities.workspace?.configuration);
  registerConfigurationChanges = Boolean(params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration);
  watchFiles = Boolean(params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration);
  snippetSupport = Boolean(params.capabilities.textDocument?.completion?.completionItem?.snippetSupport);
  const init = (params.initializationOptions ?? {}) as {
    docsBaseUri?: string;
    settings?: unknown;
    clientFeatures?: ClientFeatures;
  };
  if (init.settings) pushedSettings = normalizeSettings(init.settings);
  const docsBaseUri = init.docsBaseUri ?? pathToFileURL(findDocsFolder()).toString();
  clientFeatures = { ...init.clientFeatures };
  const features = {
    snippetCommand: Boolean(init.clientFeatures?.snippetCommand),
    explainCommand: Boolean(init.clientFeatures?.explainCommand),
    createFiles: Boolean(params.capabilities.workspace?.workspaceEdit?.resourceOperations?.includes('create')),
    documentChanges: Boolean(params.capabilities.workspace?.workspaceEdit?.documentChanges),
    resolveEdits: Boolean(params.capabilities.textDocument?.codeAction?.resolveSupport?.properties.includes('edit')),
  };
  service = new DockerCoachService({
    docsBaseUri,
    features,
    lintBudgetMs: EDITOR_LINT_BUDGET_MS,
    composeProjects,
    writable: isWritable,
  });
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      // ' ' for compose and Dockerfiles; the rest open Dockerfile flags, values, variables and tags.
      completionProvider: { triggerCharacters: DOCKERFILE_TRIGGER_CHARACTERS },
      definitionProvider: true,
      referencesProvider: true,
      renameProvider: { prepareProvider: true },
      documentHighlightProvider: true,
      documentSymbolProvider: true,
      documentLinkProvider: { resolveProvider: false },
      foldingRangeProvider: true,
      documentFormattingProvider: true,
      documentRangeFormattingProvider: true,
      codeActionProvider: {
        codeActionKinds: [
          CodeActionKind.QuickFix,
          DISABLE_KIND,
          ...(features.explainCommand ? [EXPLAIN_KIND] : []),
          FIX_ALL_KIND,
        ],
        resolveProvider: true,
      },
    },
    serverInfo: { name: 'docker-coach-language-server' },
  };
});

connection.onInitialized(() => {
  // Documents a client opened before `initialize` (which it should not do) are linted now.
  for (const document of documents.all()) scheduleValidation(document);
  // Only what the client said it can register. A client may still refuse (an error reply): that is logged, and
  // must not end the server (an unhandled rejection would).
  const refused = (what: string) => (e: unknown) =>
    connection.console.warn(`The client did not register ${what}: ${e instanceof Error ? e.message : String(e)}`);
  if (pullConfiguration && registerConfigurationChanges) {
    connection.client
      .register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION })
      .catch(refused('configuration changes'));
  }
  if (watchFiles) {
    connection.client
      .register(DidChangeWatchedFilesNotification.type, {
        watchers: [
          { globPattern: '**/{.hadolint.yaml,.hadolint.yml,.dockerignore,*.dockerignore}' },
          // Files compose files point at: Dockerfiles and env files.
          { globPattern: '**/{Dockerfile,Dockerfile.*,*.Dockerfile,*.dockerfile,Containerfile,.env,.env.*,*.env}' },
          // Files of Compose projects (overrides, included files, files services extend), and compose files,
          // so that the results of a workspace lint follow changes made outside the editor.
          { globPattern: '**/*.{yml,yaml}' },
        ],
      })
      .catch(refused('file watchers'));
  }
});

function settingsFor(uri: string): Promise<DockerCoachSettings> {
  if (!pullConfiguration) return Promise.resolve(pushedSettings);
  let settings = settingsCache.get(uri);
  if (!settings) {
    settings = connection.workspace
      .getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION })
      .then(normalizeSettings, () => normalizeSettings({}));
    settingsCache.set(uri, settings);
  }
  return settings;
}

/** Settings for a file that is not open: fetched each time, never cached (the cache follows open documents). */
function settingsOfClosedFile(uri: string): Promise<DockerCoachSettings> {
  const open = settingsCache.get(uri);
  if (open) return open;
  if (!pullConfiguration) return Promise.resolve(pushedSettings);
  return Promise.resolve(connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION })).then(
    normalizeSettings,
    () => normalizeSettings({}),
  );
}

/** The editor settings over the project's hadolint configuration, and the workspace facts for rules. */
async function contextFor(
  document: TextDocument,
  editorSettings?: DockerCoachSettings,
): Promise<{ settings: DockerCoachSettings; environment: LintEnvironment }> {
  const settings = editorSettings ?? (await settingsFor(document.uri));
  const file = filePathOf(document.uri);
  if (!file) return { settings, environment: {} };
  const config = projectFiles.configFor(file);
  if (config) publishConfigProblems(config);
  const merged = withProjectConfig(settings, config);
  const environment: LintEnvironment =
    document.languageId === COMPOSE_LANGUAGE_ID
      ? composeDisk(merged)
      : { dockerignore: projectFiles.dockerignoreFor(file) };
  return { settings: merged, environment };
}

/** A file a rename may edit: open in the editor, or writable on disk. */
function isWritable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** What compose rules may read: whether files exist, and their text (the editor's copy when the file is open), and the project. */
function composeDisk(settings: DockerCoachSettings): LintEnvironment {
  return {
    composeProject: (document) => {
      const file = filePathOf(document.uri);
      return file ? composeProjects.contextFor(file, document.getText()) : null;
    },
    fileExists: (absolutePath) => fs.existsSync(absolutePath),
    fileKind: fileKindOf,
    readFile: (absolutePath) => {
      const open = documents.get(pathToFileURL(absolutePath).toString());
      if (open) return open.getText();
      return readRegularText(absolutePath, settings.maxFileSize);
    },
  };
}

/** How long a Dockerfile's edits must pause before open compose files are linted again. */
const COMPOSE_REVALIDATION_DELAY_MS = 500;
let composeRevalidation: NodeJS.Timeout | undefined;

/** Compose files read other files (Dockerfiles, env files): lint them again when those change. */
function revalidateComposeFiles(): void {
  for (const document of documents.all()) {
    if (document.languageId !== COMPOSE_LANGUAGE_ID) continue;
    service?.forgetLint(document.uri);
    scheduleValidation(document);
  }
}

/** Open compose files whose project read one of these files (or looked for it): their next lint must see the change. */
const projectRevalidations = new Set<string>();
let projectRevalidation: NodeJS.Timeout | undefined;

function revalidateProjectsReading(files: string[], except?: string): void {
  for (const file of files)
    for (const member of composeProjects.projectsReading(file)) if (member !== except) projectRevalidations.add(member);
  if (!projectRevalidations.size) return;
  clearTimeout(projectRevalidation);
  projectRevalidation = setTimeout(() => {
    for (const member of projectRevalidations) {
      const document = documents.get(pathToFileURL(member).toString());
      if (!document || document.languageId !== COMPOSE_LANGUAGE_ID) continue;
      service?.forgetLint(document.uri);
      scheduleValidation(document);
    }
    projectRevalidations.clear();
  }, COMPOSE_REVALIDATION_DELAY_MS);
}

/** A malformed hadolint configuration gets diagnostics in that file, not silence. */
function publishConfigProblems(config: ProjectConfig): void {
  const uri = pathToFileURL(config.path).toString();
  if (publishedConfigs.has(uri)) return;
  publishedConfigs.add(uri);
  const diagnostics = config.problems.map((p) => ({
    range: p.range,
    severity: p.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    source: 'docker-coach',
    message: p.message,
  }));
  void connection.sendDiagnostics({ uri, diagnostics });
}

/**
 * Whether a validation's document is still what the editor has: the same object (a second
 * didOpen makes a new one), version and text (a client may repeat or lower a version).
 * Comparing texts is cheap next to a lint: one string unless an edit happened.
 */
function isCurrent(document: TextDocument, version: number, text: string): boolean {
  return documents.get(document.uri) === document && document.version === version && document.getText() === text;
}

async function validate(document: TextDocument): Promise<void> {
  // Documents opened before `initialize` are linted once it is done (see onInitialized).
  const active = service;
  if (!active) return;
  // The open document is one object updated in place: remember which version and text this validation is for.
  const version = document.version;
  const text = document.getText();
  try {
    const { settings, environment } = await contextFor(document);
    // The document may have changed or closed while settings were fetched.
    if (!isCurrent(document, version, text)) return;
    // In slices: a huge document gives way to requests and other documents, and an edit meanwhile stops it.
    const result = await active.lintInSlices(
      document,
      settings,
      environment,
      () => !isCurrent(document, version, text),
    );
    if (!result) return;
    ruleErrorLog.report(result);
    const diagnostics = diagnosticsOf(result, active.lintOptions);
    // A Dockerfile's lint has compiled the code the launcher's code cache should keep (a no-op after the first).
    if (result.model instanceof DockerfileModel) codeCacheReady();
    const runner = result.model instanceof DockerfileModel ? shellcheckFor(settings) : null;
    if (!runner || !(result.model instanceof DockerfileModel)) {
      void connection.sendDiagnostics({ uri: document.uri, version, diagnostics });
      return;
    }
    // Scripts checked before (unchanged RUNs) show at once; the others when ShellCheck answers.
    const model = result.model;
    const first = runner.cached(model, settings, result.suppressions);
    void connection.sendDiagnostics({
      uri: document.uri,
      version,
      diagnostics: [...diagnostics, ...first.findings.map(shellcheckDiagnostic)],
    });
    if (first.missing.length === 0) return;
    await runner.fill(first.missing);
    if (!isCurrent(document, version, text)) return;
    const all = runner.cached(model, settings, result.suppressions).findings.map(shellcheckDiagnostic);
    void connection.sendDiagnostics({ uri: document.uri, version, diagnostics: [...diagnostics, ...all] });
  } catch (err) {
    connection.console.error(`Linting ${document.uri} failed: ${(err as Error)?.stack ?? String(err)}`);
  }
}

/** A file that is not open, linted as saved on disk (Lint Workspace), ShellCheck included; null when it cannot be read. */
async function lintFileOnDisk(uri: string, file: string, language: string): Promise<Diagnostic[] | null> {
  const active = service;
  if (!active) return null;
  const editorSettings = await settingsOfClosedFile(uri);
  const bytes = readRegularFile(file, editorSettings.maxFileSize);
  if (bytes === 'too large') return editorSettings.enable ? [tooLargeNotice(editorSettings)] : [];
  if (typeof bytes === 'string') return null;
  const document = TextDocument.create(uri, language, 0, bytes.toString('utf8'));
  try {
    const { settings, environment } = await contextFor(document, editorSettings);
    // Uncached models and results: the workspace's files must not stay in memory.
    const result = (await lintInSlices(document, settings, undefined, environment, () => false))!;
    ruleErrorLog.report(result);
    const diagnostics = diagnosticsOf(result, active.lintOptions);
    const runner = result.model instanceof DockerfileModel ? shellcheckFor(settings) : null;
    if (!runner || !(result.model instanceof DockerfileModel)) return diagnostics;
    const first = runner.cached(result.model, settings, result.suppressions);
    if (first.missing.length > 0) await runner.fill(first.missing);
    return [
      ...diagnostics,
      ...runner.cached(result.model, settings, result.suppressions).findings.map(shellcheckDiagnostic),
    ];
  } finally {
    projectFiles.forgetDockerfile(file);
  }
}

const workspaceLint = new WorkspaceLint({
  lintFile: lintFileOnDisk,
  isOpen: (uri) => documents.get(uri) !== undefined,
  publish: (uri, diagnostics) => void connection.sendDiagnostics({ uri, diagnostics }),
});

documents.onDidChangeContent((event) => {
  scheduleValidation(event.document);
  // A compose file that builds this Dockerfile reports its problems: relint them once the Dockerfile's edits pause,
  // so typing in a Dockerfile never waits for every open compose file.
  if (event.document.languageId === DOCKERFILE_LANGUAGE_ID) {
    clearTimeout(composeRevalidation);
    composeRevalidation = setTimeout(revalidateComposeFiles, COMPOSE_REVALIDATION_DELAY_MS);
  }
  // Editing an override or an included file changes what the project's other files see.
  const file = filePathOf(event.document.uri);
  if (file && event.document.languageId === COMPOSE_LANGUAGE_ID) revalidateProjectsReading([file], file);
});

/**
 * After documents close, full collections once the client has stopped closing them give
 * their memory back: V8 alone collects only when the heap grows again. The caches by
 * content (shell parses…) go too, as they hold the closed documents' scripts: they only
 * spare the next edit of an open document some parsing. One round for a batch of closes;
 * the timer does not keep the process alive.
 */
const collectGarbage = garbageCollector();
const COLLECTION_DELAY_MS = 1000;
let collection: NodeJS.Timeout | undefined;
function collectAfterCloses(): void {
  clearTimeout(collection);
  collection = setTimeout(() => {
    forgetContentCaches();
    collectGarbage?.();
  }, COLLECTION_DELAY_MS);
  collection.unref();
}

documents.onDidClose((event) => {
  clearTimeout(pendingValidations.get(event.document.uri));
  pendingValidations.delete(event.document.uri);
  lastValidation.delete(event.document.uri);
  validatedOnce.delete(event.document.uri);
  settingsCache.delete(event.document.uri);
  const file = filePathOf(event.document.uri);
  if (file) projectFiles.forgetDockerfile(file);
  // Unsaved edits of a closed file are gone: the projects that read them read the disk again.
  if (file) revalidateProjectsReading([file], file);
  if (!service) return;
  service.close(event.document.uri);
  // A file of the last workspace lint keeps diagnostics: those of its text on disk.
  if (workspaceLint.has(event.document.uri)) void workspaceLint.refresh(event.document.uri);
  else void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  collectAfterCloses();
});

connection.onDidChangeConfiguration((change) => {
  settingsCache.clear();
  if (!pullConfiguration) {
    const section = (change.settings as Record<string, unknown> | null)?.[SETTINGS_SECTION];
    pushedSettings = normalizeSettings(section ?? change.settings);
  }
  for (const document of documents.all()) void validate(document);
  void workspaceLint.refreshAll();
});

connection.onDidChangeWatchedFiles((params) => {
  // Files of the last workspace lint that changed on disk, and are not open: their diagnostics again.
  for (const change of params.changes) void workspaceLint.refresh(change.uri);
  const changed = params.changes.flatMap((c) => filePathOf(c.uri) ?? []);
  // Compose files that are not open (an included file, an override): only the projects that read them are linted again.
  if (changed.length && changed.every((f) => /\.ya?ml$/i.test(f) && !/^\.hadolint\.ya?ml$/i.test(path.basename(f)))) {
    revalidateProjectsReading(changed);
    return;
  }
  // A .dockerignore, hadolint configuration, Dockerfile or env file changed: read them again and re-lint.
  projectFiles.invalidate();
  // A configuration file may change the verdicts on every file of the last workspace lint.
  if (changed.some((f) => /^\.hadolint\.ya?ml$/i.test(path.basename(f)))) void workspaceLint.refreshAll();
  for (const uri of publishedConfigs) void connection.sendDiagnostics({ uri, diagnostics: [] });
  publishedConfigs.clear();
  for (const document of documents.all()) {
    if (document.languageId === COMPOSE_LANGUAGE_ID) service?.forgetLint(document.uri);
    void validate(document);
  }
});

connection.onHover(servedOn((service, document, params) => service.hover(document, params.position), null));

connection.onCompletion(
  servedOn((service, document, params) => {
    const options = {
      snippets: snippetSupport,
      triggerCharacter: params.context?.triggerCharacter,
      retrigger: clientFeatures.triggerSuggest,
    };
    return service.completion(document, params.position, options);
  }, null),
);

connection.onDefinition(
  servedOn(async (service, document, params, token) => {
    const readFile =
      document.languageId === COMPOSE_LANGUAGE_ID ? (await contextFor(document)).environment.readFile : undefined;
    throwIfCancelled(token);
    return service.definition(document, params.position, readFile);
  }, null),
);

connection.onReferences(
  servedOn(
    (service, document, params) => service.references(document, params.position, params.context.includeDeclaration),
    null,
  ),
);

connection.onPrepareRename(
  servedOn((service, document, params) => service.prepareRename(document, params.position), null),
);

connection.onRenameRequest(
  servedOn((service, document, params) => {
    try {
      return service.rename(document, params.position, params.newName);
    } catch (err) {
      if (err instanceof RenameError) throw new ResponseError(ErrorCodes.InvalidParams, err.message);
      throw err;
    }
  }, null),
);

connection.onDocumentHighlight(
  servedOn((service, document, params) => service.documentHighlights(document, params.position), null),
);

connection.onDocumentSymbol(servedOn((service, document) => service.documentSymbols(document), []));

connection.onDocumentLinks(servedOn((service, document) => service.documentLinks(document), []));

connection.onFoldingRanges(servedOn((service, document) => service.foldingRanges(document), []));

/** Formatting is off until the user turns it on (`dockerCoach.format.enable`). */
async function formatting(
  service: DockerCoachService,
  uri: string,
  token: CancellationToken,
  options: FormattingOptions,
  range?: Range,
): Promise<TextEdit[]> {
  const document = await requestDocument(uri, token);
  if (!document) return [];
  const settings = await settingsFor(uri);
  if (!settings.format.enable) return [];
  return service.format(document, { tabSize: options.tabSize, insertSpaces: options.insertSpaces }, range);
}

connection.onDocumentFormatting(
  served((service, params, token) => formatting(service, params.textDocument.uri, token, params.options)),
);
connection.onDocumentRangeFormatting(
  served((service, params, token) => formatting(service, params.textDocument.uri, token, params.options, params.range)),
);

connection.onCodeAction(
  served(async (service, params, token) => {
    // Above the size limit the lint is a notice without fixes: the service answers cheaply.
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    const { settings, environment } = await contextFor(document);
    await new Promise((resolve) => setTimeout(resolve, 0));
    throwIfCancelled(token);
    return service.codeActions(document, params.context, settings, environment);
  }),
);

connection.onCodeActionResolve(
  served(async (service, action, token) => {
    const uri = (action.data as { uri?: string } | undefined)?.uri;
    const document = uri ? documents.get(uri) : undefined;
    if (!document) return action;
    const { settings, environment } = await contextFor(document);
    throwIfCancelled(token);
    return service.resolveCodeAction(action, document, settings, environment);
  }),
);

connection.onRequest(
  ListRulesRequest,
  served((service) => service.listRules()),
);

connection.onRequest(
  LintWorkspaceRequest,
  served(async (_service, params, token) => {
    if (workspaceLint.isRunning)
      throw new ResponseError(ErrorCodes.InvalidRequest, 'A workspace lint is already running.');
    // Progress the client shows (with a Cancel button, which cancels this request).
    const workDone = connection.window.attachWorkDoneProgress(params?.workDoneToken);
    const folders = (params?.folders ?? []).map(filePathOf).filter((f): f is string => f !== null);
    workDone.begin('Docker Coach: linting the workspace', 0, 'finding files', true);
    try {
      const result = await workspaceLint.run(folders, {
        progress: (done, total, file) =>
          workDone.report(
            total === 0 ? 100 : Math.floor((done / total) * 100),
            total === 0 ? 'no files' : `${done}/${total} ${file ? path.basename(file) : ''}`.trim(),
          ),
        isCancelled: () => token.isCancellationRequested,
      });
      connection.console.info(
        `Lint Workspace: ${result.linted} of ${result.files} files linted${result.cancelled ? ' (cancelled)' : ''}, ${result.problems} problems in ${result.filesWithProblems} files.`,
      );
      return result;
    } finally {
      workDone.done();
    }
  }),
);

connection.onRequest(
  ClearWorkspaceLintRequest,
  served(() => workspaceLint.clear()),
);

// Exercises of the lessons.
connection.onRequest(
  ListExercisesRequest,
  served((service) => service.listExercises()),
);
connection.onRequest(
  CheckExerciseRequest,
  served((service, params) => {
    try {
      return service.checkExercise(params);
    } catch (err) {
      if (err instanceof ExerciseError) throw new ResponseError(ErrorCodes.InvalidParams, err.message);
      throw err;
    }
  }),
);

// The effective configuration of a compose file's project, read with the open documents' unsaved text.
connection.onRequest(
  EffectiveComposeConfigRequest,
  served(async (_service, params, token) => {
    const file = typeof params?.uri === 'string' ? filePathOf(params.uri) : null;
    if (!file)
      throw new ResponseError(
        ErrorCodes.InvalidParams,
        'The effective configuration needs a compose file on disk (a file: URI).',
      );
    const settings = await settingsFor(params.uri);
    throwIfCancelled(token);
    const fromDisk = diskReader(settings.maxFileSize, readRegularFile);
    const openText = (absolutePath: string) => documents.get(pathToFileURL(absolutePath).toString())?.getText();
    const profiles = Array.isArray(params.profiles)
      ? params.profiles.filter((p): p is string => typeof p === 'string' && p !== '')
      : [];
    return effectiveComposeConfig(file, profiles, {
      readText: (absolutePath) => openText(absolutePath) ?? fromDisk(absolutePath),
      exists: (absolutePath) => openText(absolutePath) !== undefined || fileExists(absolutePath),
      env: process.env,
    });
  }),
);

connection.onShutdown(() => {
  for (const runner of shellcheckRunners.values()) runner?.dispose();
});

/**
 * `documents` takes didOpen as it comes: one without text (or without a uri) would be kept
 * as a document whose text is undefined, and fail in every lint and request about it. Such
 * a didOpen is ignored with one line in the output.
 */
function withValidOpens(target: Connection): Connection {
  const onDidOpenTextDocument: Connection['onDidOpenTextDocument'] = (handler) =>
    target.onDidOpenTextDocument((params) => {
      const document = params?.textDocument as Partial<DidOpenTextDocumentParams['textDocument']> | undefined;
      if (typeof document?.uri !== 'string' || typeof document.text !== 'string') {
        const uri = typeof document?.uri === 'string' ? document.uri : 'a document without a uri';
        connection.console.warn(`Ignored textDocument/didOpen for ${uri}: it has no text.`);
        return;
      }
      return handler(params);
    });
  return new Proxy(target, {
    get: (object, property, receiver) =>
      property === 'onDidOpenTextDocument'
        ? onDidOpenTextDocument
        : (Reflect.get(object, property, receiver) as unknown),
  });
}

documents.listen(withValidOpens(connection));
connection.listen();
