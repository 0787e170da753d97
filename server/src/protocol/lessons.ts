/**
 * The lessons of the syllabus, part of the client-server contract: rules and
 * exercises (server) point at them, the lesson panel (client) shows them. The
 * texts are lessons/<id>.md.
 */
export const LESSONS = {
  'images-and-containers': 'Images and containers',
  'running-containers': 'Running and managing containers',
  'writing-dockerfiles': 'Writing a Dockerfile',
  'layers-and-cache': 'Layers and the build cache',
  'multi-stage-builds': 'Multi-stage builds and small images',
  volumes: 'Volumes and persistence',
  networking: 'Networking',
  compose: 'Compose',
  'configuration-and-secrets': 'Configuration and secrets',
  'registries-and-tags': 'Registries and tags',
  security: 'Security',
  'limits-and-debugging': 'Resource limits and debugging',
} as const;

export type LessonId = keyof typeof LESSONS;

/** The lessons in syllabus order. */
export const LESSON_ORDER = Object.keys(LESSONS) as LessonId[];

/** One line per lesson, for the lesson picker. */
export const LESSON_SUMMARIES: Record<LessonId, string> = {
  'images-and-containers': 'What an image is, what a container is, and how image names are read.',
  'running-containers': 'Start, stop, inspect and clean up containers from the command line.',
  'writing-dockerfiles': 'The instructions of a Dockerfile, CMD versus ENTRYPOINT, and how a build starts.',
  'layers-and-cache': 'Order instructions so the build cache works, and keep caches out of layers.',
  'multi-stage-builds': 'Build in one stage, ship only the result in a small one.',
  volumes: 'Named volumes, bind mounts and tmpfs: where data outlives a container.',
  networking: 'Bridge networks, name-based discovery and publishing ports safely.',
  compose: 'Describe services, networks and volumes in one file, and start them in order.',
  'configuration-and-secrets': 'Configure at run time and keep secrets out of images.',
  'registries-and-tags': 'Push and pull images, and pin tags so builds are repeatable.',
  security: 'Non-root users, read-only filesystems, fewer capabilities, smaller images.',
  'limits-and-debugging': 'Memory and CPU limits, exit codes, and a path for debugging.',
};

/** The lesson a link like `lesson:layers-and-cache` names, if it exists. */
export function isLessonId(id: string): id is LessonId {
  return Object.prototype.hasOwnProperty.call(LESSONS, id);
}
