import { TextEdit } from 'vscode-languageserver-types';
import { pinTagFixes } from '../sharedFixes';
import { defineDockerfileRule } from '../types';

export default defineDockerfileRule({
  id: 'pin-base-image',
  title: 'Pin the base image to a tag or digest',
  defaultSeverity: 'warning',
  category: 'reliability',
  equivalents: [
    { tool: 'hadolint', id: 'DL3006' },
    { tool: 'hadolint', id: 'DL3007' },
    { tool: 'trivy', id: 'DS001' },
  ],
  lesson: 'registries-and-tags',
  fix: 'unsafe',
  messages: {
    untagged: 'Image "{image}" has no tag, so it means "{image}:latest": pin a version such as "{image}:<version>".',
    latest: 'The "latest" tag moves whenever a new version is pushed: pin a version instead.',
  },
  docs: {
    flags: `A \`FROM\` whose image has no tag or digest, or uses the \`latest\` tag. Build-stage names, \`scratch\`
      and images given through an \`ARG\` without a default are not flagged; an \`ARG\` default is resolved first.
      For common official images the quick fix offers tags that exist as choices to pick from (a list kept
      offline, so check the registry for newer ones); other images get no fix, because only their registry knows
      their tags.`,
    why: `Without a tag Docker pulls \`latest\`, which points at whatever version was pushed last. The same
      Dockerfile then builds different images on different days, and a new major version of the base can break
      the build or the application without any change on your side. A version tag makes builds repeatable; a
      digest (\`@sha256:…\`) makes them exact.`,
    bad: [
      {
        code: `FROM node
USER node
`,
        fixed: `FROM node:22
USER node
`,
        expect: [{ messageId: 'untagged', line: 1, column: 6, text: 'node' }],
      },
      {
        code: `FROM python:latest
USER nobody
`,
        fixed: `FROM python:3.12
USER nobody
`,
        expect: [{ messageId: 'latest', line: 1, column: 13, text: 'latest' }],
      },
      {
        caption: 'An ARG default is checked too',
        code: `ARG BASE=ubuntu
FROM \${BASE}
USER nobody
`,
        expect: [{ messageId: 'untagged', line: 2, column: 6, text: '${BASE}' }],
      },
    ],
    good: [
      {
        code: `FROM node:20.14-alpine3.20
USER node
`,
      },
      {
        code: `FROM python@sha256:4c5e3f0e4a1b9c0d2e7f6a5b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d
USER nobody
`,
      },
      {
        caption: 'Stages and scratch need no tag',
        code: `FROM golang:1.22 AS build
FROM scratch
COPY --from=build /out/app /app
USER 65534:65534
`,
      },
    ],
  },
  check(model, report) {
    const stageNames = new Set<string>();
    for (const stage of model.stages) {
      const image = stage.image;
      const from = stage.from;
      if (
        image &&
        !stage.fromStage &&
        !stageNames.has(image.raw.toLowerCase()) &&
        image.raw.toLowerCase() !== 'scratch' &&
        !image.digest &&
        image.raw !== ''
      ) {
        const viaArg = from.getImage() !== image.raw;
        if (image.tag === null) {
          const range = (viaArg ? from.getImageRange() : from.getImageNameRange()) ?? from.getRange();
          const nameRange = from.getImageNameRange();
          const fixes =
            viaArg || !nameRange
              ? undefined
              : () => pinTagFixes(image, (text) => TextEdit.insert(nameRange.end, text), ':');
          report({ messageId: 'untagged', data: { image: image.raw }, range, hadolintCode: 'DL3006', fixes });
        } else if (image.tag === 'latest') {
          const range = (viaArg ? from.getImageRange() : from.getImageTagRange()) ?? from.getRange();
          const tagRange = from.getImageTagRange();
          const fixes =
            viaArg || !tagRange ? undefined : () => pinTagFixes(image, (text) => TextEdit.replace(tagRange, text), '');
          report({ messageId: 'latest', range, hadolintCode: 'DL3007', fixes });
        }
      }
      if (stage.name) stageNames.add(stage.name.toLowerCase());
    }
  },
});
