import { runCommands } from '../../dockerfile/commands';
import { hasParsedOption, isLocalPath, isSubcommand, isUrl, packageCommands } from '../../dockerfile/packages';
import { defineDockerfileRule } from '../types';
import { commandLabel, reportUnpinned } from '../unpinnedPackages';

/** Version specifiers of PEP 440 (`==`, `>=`, `~=`, `!=`, `===`, `<`, `>`). */
const VERSION_SPECIFIER = /(==|>=|<=|~=|!=|<|>)/;
const ARCHIVE = /\.(whl|tar\.gz|tgz|zip|tar\.bz2)$/;

/** True when a requirement fixes what gets installed, or points at local or direct-URL sources. */
function isPinned(requirement: string): boolean {
  return (
    VERSION_SPECIFIER.test(requirement) ||
    requirement.includes('@') ||
    isUrl(requirement) ||
    isLocalPath(requirement) ||
    ARCHIVE.test(requirement) ||
    requirement.includes('/')
  );
}

/**
 * A VCS requirement (`git+https://host/org/repo.git#egg=name`) without a ref: pip installs the head of the
 * default branch. A ref is an `@` in the URL's path (`repo.git@v1.2.0`), not the one of a user (`git@host`).
 */
function isUnpinnedVcs(requirement: string): boolean {
  const match = /^(?:[A-Za-z0-9_.-]+\s*@\s*)?(?:git|hg|svn|bzr)\+[A-Za-z]+:\/\/([^#]*)/.exec(requirement);
  if (!match) return false;
  const slash = match[1].indexOf('/');
  return slash < 0 || !match[1].slice(slash).includes('@');
}

/** pip's own tooling, which `--upgrade` brings up to date on purpose. */
const INSTALLER_TOOLS = new Set(['pip', 'setuptools', 'wheel']);

export default defineDockerfileRule({
  id: 'pip-pin-versions',
  title: 'Pin package versions in pip install',
  defaultSeverity: 'warning',
  category: 'reliability',
  equivalents: [{ tool: 'hadolint', id: 'DL3013' }],
  lesson: 'writing-dockerfiles',
  fix: 'none',
  messages: {
    unpinned:
      '"{command}" leaves "{package}" unpinned: pin it ("{package}==<version>") or install from a requirements file with pinned versions.',
    vcsHead:
      '"{command}" installs "{package}" from the head of its default branch: add a tag or commit to the URL ("…@v1.2.0") to pin it.',
    unpinnedMany:
      '"{command}" leaves {count} packages unpinned ({packages}): pin each one ("{package}==<version>") or install from a requirements file with pinned versions.',
  },
  docs: {
    flags: `A \`pip install\` (also \`pip3\`, \`pip3.12\`, \`python -m pip\`) with packages that have no version
      specifier: one finding per command, naming its unpinned packages (with their extras, \`uvicorn[standard]\`).
      Requirement and constraint files (\`-r\`, \`-c\`), editable installs (\`-e\`), local paths, wheels and archives,
      direct URLs (\`name @ https://…\`) and packages given through a variable are not flagged. A VCS URL without
      a tag or commit (\`git+https://…/repo.git\` rather than \`…/repo.git@v1.2.0\`) gets a finding of its own. Nor
      are \`pip\`, \`setuptools\` and \`wheel\` given with \`--upgrade\`: bringing the installer up to date is the point
      of that command.`,
    why: `Without a version pip installs the newest release on the day of the build. The same Dockerfile
      then gives different images, and a new major version of a dependency can break the application without any
      change on your side. Pin with \`==\` (or at least bound the version), or keep the pins in a requirements or
      lock file that you copy in first, which also keeps the install layer cached while only your code changes.`,
    bad: [
      {
        code: `FROM python:3.12-slim
RUN pip install --no-cache-dir flask
USER nobody
`,
        expect: [{ messageId: 'unpinned', line: 2, column: 32, text: 'flask' }],
      },
    ],
    good: [
      {
        code: `FROM python:3.12-slim
RUN pip install --no-cache-dir flask==3.0.3
USER nobody
`,
      },
      {
        caption: 'Pins kept in a requirements file',
        code: `FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN python -m pip install --no-cache-dir -r requirements.txt
USER nobody
`,
      },
    ],
  },
  check(model, report) {
    for (const command of packageCommands(runCommands(model))) {
      if (!isSubcommand(command, 'pip', ['install'])) continue;
      const args = command.args;
      if (hasParsedOption(args, '-r', '--requirement', '-c', '--constraint')) continue;
      const operands = args.operands;
      const upgrade = hasParsedOption(args, '-U', '--upgrade');
      const unpinned = operands.filter((word, i) => {
        const requirement = word.value;
        if (requirement === null) return false;
        // `pip install --upgrade pip setuptools wheel` updates the installer itself, which is what it is for.
        if (upgrade && INSTALLER_TOOLS.has(requirement.trim().toLowerCase())) return false;
        // `name @ https://…` written as three words is a direct reference.
        if (operands[i + 1]?.value === '@' || requirement === '@' || operands[i - 1]?.value === '@') return false;
        return !isPinned(requirement);
      });
      for (const word of operands) {
        if (word.value !== null && isUnpinnedVcs(word.value)) {
          report({
            messageId: 'vcsHead',
            data: { command: commandLabel(command), package: word.value },
            range: model.rangeOf(word.start, word.end),
          });
        }
      }
      // Extras stay: `uvicorn[standard]==<version>` is how a pinned requirement with extras is written.
      reportUnpinned(
        model,
        report,
        command,
        unpinned,
        unpinned.map((word) => word.value!.trim()),
      );
    }
  },
});
