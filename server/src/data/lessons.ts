/**
 * The lessons of the syllabus. Rules point at one of them; the lesson texts
 * and exercises themselves come with the lessons feature.
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
