/** Resources as the API returns them (type-only imports of the API's output schemas). */
import type { InternalDocumentOut, ResourceOut } from '@/lib/resources/schemas';

export type SharedResource = ResourceOut;
export type InternalDocument = InternalDocumentOut;
export type ResourceType = ResourceOut['type'];

export const resourceTypes: readonly ResourceType[] = ['sample', 'preset', 'project', 'document', 'other'];

export const resourceTypeLabels: Record<ResourceType, string> = {
  sample: 'Sample',
  preset: 'Preset',
  project: 'Project',
  document: 'Document',
  other: 'Other',
};

export const MAX_TAGS = 20;
export const MAX_TAG_LENGTH = 40;
