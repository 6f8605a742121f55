import { queryString } from '@/components/gear/api';
import type { ResourceType } from './types';

/** Shared by the resources page (server) and the library (client): not a client module. */
export const RESOURCES_PAGE_SIZE = 12;

export interface ResourceFilters {
  q: string;
  type: ResourceType | '';
  tag: string;
  mine: boolean;
  page: number;
}

export const emptyResourceFilters: ResourceFilters = { q: '', type: '', tag: '', mine: false, page: 1 };

export function resourceQuery(f: ResourceFilters, viewerId: number): string {
  return queryString({
    q: f.q.trim() || undefined,
    type: f.type || undefined,
    tag: f.tag || undefined,
    user_id: f.mine ? viewerId : undefined,
    page: f.page > 1 ? f.page : undefined,
  });
}
