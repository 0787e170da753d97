import { Copy } from 'dockerfile-ast';
import { Range } from 'vscode-languageserver-types';
import { commandsOf, RunCommand } from '../../dockerfile/commands';
import { argumentsText, parseJsonStringArray } from '../../dockerfile/model';
import { copyFromFlag } from '../../dockerfile/stageRefs';
import { defineDockerfileRule } from '../types';

/** Tar archives, plain or compressed in a format ADD unpacks (gzip, bzip2, xz). */
const TAR_ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tb2|tar\.xz|txz)$/i;

/** Decompressors that only make sense on a compressed tar here when followed by tar. */
const DECOMPRESSORS = new Set(['gunzip', 'bunzip2', 'unxz', 'zcat', 'gzcat', 'bzcat', 'xzcat']);

function basename(path: string): string {
  const unquoted = path.replace(/^["']+|["']+$/g, '');
  return unquoted.slice(Math.max(unquoted.lastIndexOf('/'), unquoted.lastIndexOf('\\')) + 1);
}

function isTarExtract(rc: RunCommand): boolean {
  if (rc.name !== 'tar') return false;
  return rc.words.slice(1).some((w, i) => {
    const v = w.value;
    if (v === null) return false;
    if (v === '--extract' || v === '--get') return true;
    if (/^-[A-Za-z]+$/.test(v)) return v.includes('x');
    // Old-style bundled options without a dash: `tar xzf app.tgz`.
    return i === 0 && /^[A-Za-z]+$/.test(v) && v.includes('x');
  });
}

/** The archive names an extracting command works on. */
function extractedNames(rc: RunCommand): string[] {
  if (!isTarExtract(rc) && !(rc.name !== null && DECOMPRESSORS.has(rc.name))) return [];
  return rc.words
    .slice(1)
    .map((w) => w.value)
    .filter((v): v is string => v !== null)
    .map((v) => basename(v.includes('=') ? v.slice(v.indexOf('=') + 1) : v));
}

interface CopiedArchive {
  name: string;
  range: Range;
  reported: boolean;
}

export default defineDockerfileRule({
  id: 'extract-archive-with-add',
  title: 'Let ADD extract local tar archives',
  defaultSeverity: 'info',
  category: 'performance',
  equivalents: [{ tool: 'hadolint', id: 'DL3010' }],
  lesson: 'layers-and-cache',
  fix: 'none',
  messages: {
    extract:
      '"{archive}" is copied and then extracted in a RUN: "ADD {archive} <folder>" unpacks it directly and keeps the archive out of the image.',
  },
  docs: {
    flags: `A \`COPY\` of a local tar archive (\`.tar\`, \`.tar.gz\`/\`.tgz\`, \`.tar.bz2\`/\`.tbz2\`, \`.tar.xz\`/\`.txz\`)
      that a later \`RUN\` of the same stage extracts with \`tar -x\` or a decompressor such as \`gunzip\`. Zip files
      and other formats are not flagged, because \`ADD\` does not unpack them.`,
    why: `\`COPY\` puts the archive itself in a layer; extracting it in a later \`RUN\` adds the unpacked files
      in another layer, and deleting the archive there does not make the first layer any smaller. \`ADD\` of a
      local tar archive (plain, gzip, bzip2 or xz) unpacks it straight into the destination folder in one step,
      so the image never contains the archive.`,
    bad: [
      {
        code: `FROM alpine:3.20
COPY vendor.tar.gz /tmp/
RUN tar -xzf /tmp/vendor.tar.gz -C /opt && rm /tmp/vendor.tar.gz
USER nobody
`,
        expect: [{ messageId: 'extract', line: 2, column: 6, text: 'vendor.tar.gz' }],
      },
    ],
    good: [
      {
        code: `FROM alpine:3.20
ADD vendor.tar.gz /opt/
USER nobody
`,
      },
    ],
  },
  check(model, report) {
    for (const stage of model.scopes) {
      const copied: CopiedArchive[] = [];
      for (const instruction of stage.instructions) {
        if (instruction instanceof Copy) {
          if (copyFromFlag(instruction) || instruction.getHeredocs().length > 0) continue;
          const args = instruction.getArguments();
          // The words as written: Windows paths keep their backslashes (`build\\app.tar C:\\app`), which the parser takes for escapes.
          const values = model.isExecForm(instruction)
            ? parseJsonStringArray(argumentsText(model, instruction))
            : args.map((a) => model.text.slice(model.offsetAt(a.getRange().start), model.offsetAt(a.getRange().end)));
          if (!values || values.length < 2) continue;
          const dest = basename(values[values.length - 1]);
          values.slice(0, -1).forEach((source, i) => {
            if (!TAR_ARCHIVE.test(basename(source))) return;
            const name = TAR_ARCHIVE.test(dest) ? dest : basename(source);
            const range = args.length === values.length ? args[i].getRange() : instruction.getRange();
            copied.push({ name, range, reported: false });
          });
        } else if (instruction.getKeyword() === 'RUN' && copied.length > 0) {
          for (const rc of commandsOf(model, instruction)) {
            const names = extractedNames(rc);
            for (const archive of copied) {
              if (archive.reported || !names.includes(archive.name)) continue;
              archive.reported = true;
              report({ messageId: 'extract', data: { archive: archive.name }, range: archive.range });
            }
          }
        }
      }
    }
  },
});
