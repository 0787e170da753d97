/**
 * The client-server boundary: the client (client/src) reaches the server's code
 * only through the contract (server/src/protocol.ts and the protocol/ folder it
 * re-exports), the contract holds nothing heavy, and custom messages go through
 * the contract's typed RequestTypes rather than method strings.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const root = path.resolve(__dirname, '../../..');
const serverSrc = path.join(root, 'server/src');
const contractEntry = path.join(serverSrc, 'protocol.ts');
const contractFolder = path.join(serverSrc, 'protocol');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(file) : entry.name.endsWith('.ts') ? [file] : [];
  });
}

interface Import {
  specifier: string;
  /** `import type`, `export type`, or an import whose every name is `type`: erased from the bundle. */
  typeOnly: boolean;
}

/** Every module a file imports or re-exports, with `import()` and `require()` of a string. */
function importsOf(file: string): Import[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: Import[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const names =
        clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : undefined;
      const typeOnly =
        !!clause &&
        (clause.isTypeOnly || (!clause.name && !!names && names.length > 0 && names.every((n) => n.isTypeOnly)));
      found.push({ specifier: node.moduleSpecifier.text, typeOnly });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
    } else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference) &&
      ts.isStringLiteral(node.moduleReference.expression)
    ) {
      found.push({ specifier: node.moduleReference.expression.text, typeOnly: node.isTypeOnly });
    } else if (ts.isCallExpression(node) && node.arguments.length === 1 && ts.isStringLiteral(node.arguments[0])) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require'))
        found.push({ specifier: node.arguments[0].text, typeOnly: false });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The file a relative specifier names (`x` as x.ts or x/index.ts), or the specifier itself for a package. */
function resolve(from: string, specifier: string): string {
  if (!specifier.startsWith('.')) return specifier;
  const base = path.resolve(path.dirname(from), specifier);
  return (
    [`${base}.ts`, path.join(base, 'index.ts'), base].find((f) => fs.existsSync(f) && fs.statSync(f).isFile()) ?? base
  );
}

const inContract = (file: string) => file === contractEntry || file.startsWith(contractFolder + path.sep);
const relative = (file: string) => path.relative(root, file).split(path.sep).join('/');

describe('client-server boundary', () => {
  it('the client imports nothing of the server but the contract (server/src/protocol.ts)', () => {
    const clientFiles = sourceFiles(path.join(root, 'client/src'));
    assert.ok(clientFiles.length >= 5, 'the client sources are found');
    const crossings: string[] = [];
    for (const file of clientFiles) {
      for (const { specifier } of importsOf(file)) {
        const target = resolve(file, specifier);
        if (target.startsWith(serverSrc + path.sep) && target !== contractEntry)
          crossings.push(`${relative(file)} imports ${specifier}`);
      }
    }
    assert.deepStrictEqual(crossings, [], 'move what the client needs into the contract, or ask the server for it');
  });

  it("the contract imports only its own files, and at run time only vscode-jsonrpc's message types", () => {
    const contractFiles = [contractEntry, ...sourceFiles(contractFolder)];
    const wrong: string[] = [];
    for (const file of contractFiles) {
      for (const { specifier, typeOnly } of importsOf(file)) {
        const target = resolve(file, specifier);
        const allowed = specifier.startsWith('.')
          ? inContract(target)
          : typeOnly || specifier === 'vscode-jsonrpc/lib/common/messages';
        if (!allowed) wrong.push(`${relative(file)} imports ${typeOnly ? 'the types of ' : ''}${specifier}`);
      }
    }
    assert.deepStrictEqual(wrong, []);
  });

  it("custom requests and notifications are sent and handled through the contract's message types, not method strings", () => {
    const callers = [...sourceFiles(path.join(root, 'client/src')), path.join(serverSrc, 'server.ts')];
    // A method string, or a result type the caller picks: `sendRequest('x')`, `onNotification(X.method)`, `sendRequest<R>(…)`.
    const untyped = /\b(sendRequest|onRequest|sendNotification|onNotification)\s*(<|\(\s*(['"`]|[\w.]+\.method\b))/;
    const found = callers.flatMap((file) =>
      fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => (untyped.test(line) ? [`${relative(file)}:${i + 1}: ${line.trim()}`] : [])),
    );
    assert.deepStrictEqual(found, []);
  });

  it('finds the imports a boundary check must see (the checker itself is right)', () => {
    const probe = path.join(root, 'out', 'clientBoundary.probe.ts');
    fs.mkdirSync(path.dirname(probe), { recursive: true });
    fs.writeFileSync(
      probe,
      "import a from './a';\nimport type { B } from './b';\nimport { type C } from './c';\nexport * from './d';\nexport type { E } from './e';\nconst f = require('./f');\nvoid import('./g');\nimport h = require('./h');\n",
    );
    try {
      assert.deepStrictEqual(importsOf(probe), [
        { specifier: './a', typeOnly: false },
        { specifier: './b', typeOnly: true },
        { specifier: './c', typeOnly: true },
        { specifier: './d', typeOnly: false },
        { specifier: './e', typeOnly: true },
        { specifier: './f', typeOnly: false },
        { specifier: './g', typeOnly: false },
        { specifier: './h', typeOnly: false },
      ]);
    } finally {
      fs.rmSync(probe);
    }
  });
});
