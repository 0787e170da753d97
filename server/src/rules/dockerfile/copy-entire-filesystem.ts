import { Copy } from 'dockerfile-ast';
import { ImageReference, parseImageReference } from '../../dockerfile/image';
import { DockerfileModel, Stage } from '../../dockerfile/model';
import { copyFromFlag, resolveStageRef, stageLineage } from '../../dockerfile/stageRefs';
import { defineDockerfileRule } from '../types';

/**
 * Whether the image is known to hold a whole operating system: a Docker official
 * image other than `scratch`. Images of other publishers are often artifact images
 * built `FROM scratch` (`tonistiigi/xx`, `docker/buildx-bin`) whose `/` is exactly
 * what the copy wants; offline we cannot tell, so we say nothing about them.
 */
function isFullSystemImage(image: ImageReference | null): boolean {
  if (!image || image.raw.includes('$')) return false;
  if (image.registry !== null && image.registry !== 'docker.io' && image.registry !== 'index.docker.io') return false;
  const repository = image.repository.toLowerCase().replace(/^library\//, '');
  return !repository.includes('/') && repository !== 'scratch';
}

/** What `--from=<name>` copies from, when it is known to be a whole operating system. */
function copiesFullSystem(model: DockerfileModel, name: string, stage: Stage): boolean {
  const target = resolveStageRef(model, name, stage);
  if (target.kind === 'image') return isFullSystemImage(parseImageReference(name));
  if (target.kind !== 'stage') return false;
  const lineage = stageLineage(target.stage);
  return isFullSystemImage(lineage[lineage.length - 1].image);
}

function unquote(text: string): string {
  return text.replace(/^["']+|["']+$/g, '');
}

export default defineDockerfileRule({
  id: 'copy-entire-filesystem',
  title: 'Do not copy a whole filesystem from another stage',
  defaultSeverity: 'warning',
  category: 'performance',
  equivalents: [{ tool: 'hadolint', id: 'DL3067' }],
  lesson: 'multi-stage-builds',
  fix: 'none',
  messages: {
    root: 'This copies the entire filesystem of "{from}" over this one: copy only the files the image needs.',
  },
  docs: {
    flags: `A \`COPY --from=…\` whose source is \`/\` and whose destination is \`/\`, when what it copies from is
      known to hold a whole operating system: a stage built on a Docker official image (\`golang\`, \`debian\`,
      \`node\`…) or such an image itself. Copying \`/\` of a stage built \`FROM scratch\`, or of another publisher's
      image, is the usual way to take the files of an artifact image (\`COPY --from=tonistiigi/xx / /\`), so it is
      not reported; hadolint's DL3067 reports those too.`,
    why: `Copying \`/\` from another stage drags its whole filesystem into the image: package caches,
      compilers, shells and everything else the multi-stage build was meant to leave behind. It also overwrites
      files of the current stage, such as \`/etc/passwd\`. Copy the build output (a binary, a folder) instead.`,
    bad: [
      {
        code: `FROM golang:1.22 AS build
WORKDIR /src
RUN go version > /version.txt
FROM alpine:3.20
COPY --from=build / /
USER nobody
`,
        expect: [{ messageId: 'root', line: 5, column: 19, text: '/' }],
      },
    ],
    good: [
      {
        code: `FROM golang:1.22 AS build
WORKDIR /src
RUN go version > /version.txt
FROM alpine:3.20
COPY --from=build /version.txt /version.txt
USER nobody
`,
      },
    ],
  },
  check(model, report) {
    for (const stage of model.stages) {
      for (const instruction of stage.instructions) {
        if (!(instruction instanceof Copy)) continue;
        const from = copyFromFlag(instruction)?.getValue();
        if (!from || model.isExecForm(instruction)) continue;
        const args = instruction.getArguments();
        if (args.length < 2 || unquote(args[args.length - 1].getValue()) !== '/') continue;
        const root = args.slice(0, -1).find((a) => unquote(a.getValue()) === '/');
        if (root && copiesFullSystem(model, from, stage))
          report({ messageId: 'root', data: { from }, range: root.getRange() });
      }
    }
  },
});
