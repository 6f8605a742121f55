/**
 * The API shapes the gear and resources UI works with. Catalogue, collection and file types come
 * from the API's own output schemas (type-only imports: nothing of those modules reaches the browser).
 */
import type { Category, Product } from '@/lib/catalogue/schemas';
import type { GearItem, WarrantyItem } from '@/lib/collection/schemas';
import type { FileOut } from '@/lib/files/schemas';
import type { Pagination } from '@/lib/http/schemas';

export type { Category, GearItem, Product, WarrantyItem };
export type GearFile = FileOut;
export type FileType = FileOut['type'];
export type GearStatus = GearItem['status'];

export const gearStatuses: readonly GearStatus[] = ['active', 'sold', 'broken', 'archived'];
export const fileTypes: readonly FileType[] = ['manual', 'warranty', 'invoice', 'image', 'document', 'other'];

export type { Pagination };

export interface PageOf<T> {
  items: T[];
  pagination: Pagination;
}

export const productSortOptions = [
  { value: 'name', label: 'Name (A–Z)' },
  { value: 'price', label: 'Price: low to high' },
  { value: '-price', label: 'Price: high to low' },
  { value: '-created_at', label: 'Newest first' },
] as const;
export type ProductSort = (typeof productSortOptions)[number]['value'];

export const warrantyTabs = [
  { value: 'expiring', label: 'Expiring soon' },
  { value: 'expired', label: 'Expired' },
  { value: 'active', label: 'Active' },
  { value: 'all', label: 'All' },
] as const;
export type WarrantyTab = (typeof warrantyTabs)[number]['value'];
