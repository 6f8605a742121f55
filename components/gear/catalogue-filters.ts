import { queryString } from './api';
import type { ProductSort } from './types';

/** Shared by the catalogue page (server) and its browser (client): not a client module. */
export const CATALOGUE_PAGE_SIZE = 12;

export interface CatalogueFilters {
  search: string;
  category: string;
  brand: string;
  price_min: string;
  price_max: string;
  sort: ProductSort;
  page: number;
}

export const emptyFilters: CatalogueFilters = {
  search: '',
  category: '',
  brand: '',
  price_min: '',
  price_max: '',
  sort: 'name',
  page: 1,
};

export const PRICE = /^\d{1,10}(\.\d{1,2})?$/;

/** The query the API and the address bar share; defaults are left out. */
export function catalogueQuery(f: CatalogueFilters): string {
  return queryString({
    search: f.search.trim() || undefined,
    category: f.category || undefined,
    brand: f.brand || undefined,
    price_min: f.price_min || undefined,
    price_max: f.price_max || undefined,
    sort: f.sort === 'name' ? undefined : f.sort,
    page: f.page > 1 ? f.page : undefined,
  });
}
