/**
 * Entry point of the integration suite in VS Code's real extension host, in
 * the shape @vscode/test-electron expects (`run(): Promise<void>`). Here it is
 * driven by scripts/vscode/run-tests.mjs (code-server + Chromium); with VS Code
 * desktop it runs unchanged under @vscode/test-electron (see README).
 */
import * as path from 'path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  mocha.addFile(path.join(__dirname, 'extension.test.js'));
  mocha.addFile(path.join(__dirname, 'effectiveConfig.test.js'));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
  });
}
