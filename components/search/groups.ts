import { formatTime } from '@/components/player/format';
import type { SearchResult } from '@/lib/search/schemas';

export interface SearchItem {
  key: string;
  href: string;
  title: string;
  detail: string;
  /** A download, not a page: a plain link. */
  download?: boolean;
}

export interface SearchGroup {
  type: 'users' | 'products' | 'tracks' | 'resources' | 'files';
  label: string;
  items: SearchItem[];
}

const eur = new Intl.NumberFormat('en', { style: 'currency', currency: 'EUR' });

/** The API's search result as display groups, in the order the UI shows them. */
export function groupsOf(result: SearchResult): SearchGroup[] {
  return [
    {
      type: 'users',
      label: 'People',
      items: result.users.map((u) => ({
        key: `u${u.id}`,
        href: `/users/${u.id}`,
        title: [u.first_name, u.last_name].filter(Boolean).join(' ') || u.username,
        detail: `@${u.username}`,
      })),
    },
    {
      type: 'products',
      label: 'Products',
      items: result.products.map((p) => ({
        key: `p${p.id}`,
        href: `/gear/catalogue/${p.id}`,
        title: p.name,
        detail: [p.brand, p.category_name, p.price === null ? null : eur.format(p.price)].filter(Boolean).join(' · '),
      })),
    },
    {
      type: 'tracks',
      label: 'Tracks',
      items: result.tracks.map((t) => ({
        key: `t${t.id}`,
        href: `/tracks/${t.id}`,
        title: t.title,
        detail: [t.artist, t.genre, formatTime(t.duration)].filter(Boolean).join(' · '),
      })),
    },
    {
      type: 'resources',
      label: 'Resources',
      items: result.resources.map((r) => ({
        key: `r${r.id}`,
        href: `/resources?q=${encodeURIComponent(r.title)}`,
        title: r.title,
        detail: [r.type, ...r.tags.slice(0, 3).map((t) => `#${t}`)].join(' · '),
      })),
    },
    {
      type: 'files',
      label: 'Files',
      items: result.files.map((f) => ({
        key: `f${f.id}`,
        href: f.url,
        title: f.filename,
        detail: f.type,
        download: true,
      })),
    },
  ];
}
